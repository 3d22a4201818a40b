// How the kit's client and the `magicLinkStep` trigger speak about sign-in links: both sides
// read these, so they are written once.
import { type CodeChallengeInfo, codeParameters, codeProtocol } from '../code/protocol.ts';
import type { ChallengeBase, ChallengeProtocol, ParameterRow } from '../protocol.ts';

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

/**
 * A sign-in link opened in a browser that did not ask for it (`signInLinks`): before it signs
 * anyone in, the user confirms whose account it opens. `answerChallenge` (any answer)
 * continues, and once the link's sign-in goes on, its user (`parameters.username`) is the one
 * signing in; `goToSignIn` drops the link.
 */
export interface LinkConfirmationInfo extends ChallengeBase {
  type: 'linkConfirmation';
  /** Where the link was mailed, masked by the trigger (`a***@e***.com`). */
  destination: string;
}

/** What a magic-link step tells the client once the email (a link and a code) is out. */
export const linkParameters = (maskedDestination: string, codeLength: number) => ({
  linkSent: 'true',
  ...codeParameters(maskedDestination, 'EMAIL', codeLength),
});

/** The sign-in links' client (`signInLinks()`) answers what the user does not type here. */
const linksNotEnabled = { name: 'SignInLinksNotEnabled', option: 'signInLinks()' };

/**
 * A magic-link step: its first round is the client's (a request for a link, or the link being
 * opened); once the email is out, the code in it is answered as any code.
 */
/** Its rows of the wire protocol's table (docs/challenges.md). */
export const magicLinkParameterRows: readonly ParameterRow[] = [
  {
    names: ['linkSent'],
    meaning:
      '`magicLink`: `"true"` once the email is out, with the `code` parameters for the code in it; before, the client answers by itself',
  },
];

export const magicLinkProtocol: ChallengeProtocol<CodeChallengeInfo> = {
  read: codeProtocol.read,
  clientAnswer: ({ linkSent }) => (linkSent === 'true' ? undefined : 'atOnce'),
  clientAnswerNotEnabled: linksNotEnabled,
};

/** Made by the client, never sent by a trigger: the question before a link from elsewhere. */
export const linkConfirmationProtocol: ChallengeProtocol<LinkConfirmationInfo> = {
  read: ({ destination }) => ({ type: 'linkConfirmation', destination: destination ?? '' }),
  clientAnswer: () => 'onSubmit',
  clientAnswerNotEnabled: linksNotEnabled,
};
