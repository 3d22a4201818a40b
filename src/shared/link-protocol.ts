// How the kit's client asks the `magicLinkStep` trigger for a sign-in link: both sides read
// these, so they are written once.

/** The ClientMetadata key the kit's client names the page a link should open in. */
export const REDIRECT_METADATA_KEY = 'redirectUri';

/** The answer that asks for a link to `<uri>`, instead of answering. */
export const LINK_REQUEST_PREFIX = 'link:';
