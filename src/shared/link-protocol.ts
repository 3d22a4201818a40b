// How the kit's client and the `magicLinkStep` trigger speak about sign-in links: both sides
// read these, so they are written once.

/** The ClientMetadata key the kit's client names the page a link should open in. */
export const REDIRECT_METADATA_KEY = 'redirectUri';

/** The answer that asks for a link to `<uri>`, instead of answering. */
export const LINK_REQUEST_PREFIX = 'link:';

/**
 * The ClientMetadata key that goes with a link request: the SHA-256 (base64url) of a random
 * value the asking browser keeps. The link carries it back (claim `b`), so that browser can
 * tell its own link from one somebody else asked for.
 */
export const LINK_BROWSER_METADATA_KEY = 'linkBrowser';

/** A SHA-256 digest in base64url without padding. */
export const linkBrowserPattern = /^[\w-]{43}$/;

/**
 * What a link's claims (its middle part, base64url JSON) tell the client. The signature is
 * the trigger's to check; the client reads these only to decide whether to ask the user first.
 */
export interface LinkClaimsView {
  /** The username to sign in with, as the pool knows it. */
  u: string;
  /** The asking browser's digest ({@link LINK_BROWSER_METADATA_KEY}), when it sent one. */
  b?: string;
  /** Where the link was mailed, masked (`a***@e***.com`): whose account the link opens. */
  d: string;
}
