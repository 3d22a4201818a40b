import { amplifyServices } from '../../machine/amplify.ts';
import type { PendingChallenge } from '../../machine/pending-challenge.ts';
import type { CustomAuthServices } from '../../machine/services.ts';
import {
  LINK_BROWSER_METADATA_KEY,
  LINK_REQUEST_PREFIX,
  type LinkClaimsView,
  REDIRECT_METADATA_KEY,
} from './protocol.ts';

/** Options of {@link signInLinks}. */
export interface SignInLinkOptions {
  /**
   * The page a link opens; it must be one the trigger's `redirectUris` allows. Default: this
   * page's address without its fragment.
   */
  page?: string;
}

/** `<key id>.<claims>.<HMAC-SHA256>`, each base64url, as the trigger issues them. */
const linkTokenPattern = /^#([\w-]{1,32}\.([\w-]{1,4000})\.[\w-]{43})$/;

/**
 * Where the link a page was opened with waits, from reading the address until the first start
 * takes it (to sign in with, or to drop when someone is signed in already or the start cannot
 * check): a sign-in link serves the sign-in it starts, never a later one.
 */
export interface OpenedLinkHolder {
  opened: { claims: LinkClaimsView; token: string } | null;
}

/** This page's: every `signInLinks()` call shares it, so an app may call it at each render. */
const thisPage: OpenedLinkHolder = { opened: null };

function decodeBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
}

const encodeBase64Url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/**
 * What a token's claims tell the client (whom it signs in, which browser asked for it, where
 * it went), or null without a username; the signature is the trigger's to check.
 */
/**
 * Text fit to show the user: of a sensible length, with no control or format characters (a
 * right-to-left override could make one address read as another).
 */
const readable = (text: unknown): text is string =>
  typeof text === 'string' && /^\P{C}{1,254}$/u.test(text);

function claimsIn(token: string): LinkClaimsView | null {
  try {
    const { u, b, d } = JSON.parse(decodeBase64Url(token.split('.')[1] as string));
    // No Cognito username holds control or format characters, so such a link is none of ours.
    if (!readable(u)) return null;
    const shown = readable(d) ? d : u;
    return { u, d: shown, ...(typeof b === 'string' ? { b } : {}) };
  } catch {
    return null;
  }
}

/**
 * The secret behind this browser's latest request for a link, in localStorage so that every
 * tab of the browser counts as the one that asked; its SHA-256 travels with the request and
 * comes back in the link (claim `b`).
 */
const browserKey = 'cognito-custom-auth.linkBrowser';

const digestOf = async (secret: string) =>
  encodeBase64Url(
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret))),
  );

/** A new secret for a request from this browser, and the metadata that names its digest. */
async function askingBrowser(): Promise<Record<string, string>> {
  try {
    const secret = encodeBase64Url(crypto.getRandomValues(new Uint8Array(32)));
    localStorage.setItem(browserKey, secret);
    return { [LINK_BROWSER_METADATA_KEY]: await digestOf(secret) };
  } catch {
    // Without storage or Web Crypto, the link says no browser: opening it asks first.
    return {};
  }
}

/**
 * Whether this browser asked for the link whose claims name `digest`. A match is used up, so
 * a digest read from an old email cannot mark a later link as this browser's.
 */
async function askedHere(digest: string | undefined): Promise<boolean> {
  try {
    const secret = localStorage.getItem(browserKey);
    if (!digest || !secret || (await digestOf(secret)) !== digest) return false;
    localStorage.removeItem(browserKey);
    return true;
  } catch {
    return false;
  }
}

/** Takes a sign-in link out of the address bar (and this history entry), keeping its token. */
function readAddress(held: OpenedLinkHolder): void {
  const match = typeof location === 'undefined' ? null : linkTokenPattern.exec(location.hash);
  if (!match) return;
  history.replaceState(history.state, '', location.pathname + location.search);
  const token = match[1] as string;
  const claims = claimsIn(token);
  held.opened = claims && { claims, token };
}

const currentPage = () => location.origin + location.pathname + location.search;

/**
 * The link services over `base`, the services that reach Cognito (Amplify's, or a test's),
 * with the opened link held in `held`.
 */
export function linkServices(
  base: CustomAuthServices,
  options: SignInLinkOptions,
  held: OpenedLinkHolder,
): Partial<CustomAuthServices> {
  readAddress(held);
  return {
    /**
     * The opened link's sign-in (the token goes with it: the statechart holds it for this
     * sign-in and gives it to `answerOnClient`); before it, any challenge kept for a reload.
     * A link this browser asked for is a magic-link step waiting for its answer; any other
     * first asks the user whether to sign in to the account it names (`linkConfirmation`),
     * with no username until they say so.
     */
    loadPendingChallenge: async (): Promise<PendingChallenge | null> => {
      const link = held.opened;
      held.opened = null;
      if (!link) return base.loadPendingChallenge();
      const { u, b, d } = link.claims;
      const ours = await askedHere(b);
      return {
        username: ours ? u : '',
        challenge: {
          parameters: ours
            ? { type: 'magicLink' }
            : { type: 'linkConfirmation', destination: d, username: u },
          round: 1,
          // The sign-in starts with the answer; until then, nothing is waiting on Cognito.
          expiresAt: Date.now() + 120_000,
          resendAvailableAt: 0,
        },
        link: link.token,
      };
    },
    // Every start forgets what it did not resume: an opened link too.
    savePendingChallenge: (pending) => {
      if (!pending) held.opened = null;
      base.savePendingChallenge(pending);
    },
    // An opened link is a sign-in to resume: the start must wait to load it.
    mayResume: () => held.opened !== null || base.mayResume(),
    answerOnClient: async (request) => {
      const { challenge, link } = request;
      if (challenge.name !== 'magicLink' && challenge.name !== 'linkConfirmation')
        return base.answerOnClient(request);
      const username = link && claimsIn(link)?.u;
      if (username) {
        // A fresh sign-in, here or on another device, whose first answer is the link; what
        // follows is the link's user's.
        const first = await base.signIn({ username, flow: 'passwordless' });
        const asks = first.type === 'customChallenge' && first.parameters.type === 'magicLink';
        const next = asks ? await base.confirmSignIn(link) : first;
        return next.type === 'customChallenge' ? { ...next, username } : next;
      }
      const page = options.page ?? currentPage();
      return base.confirmSignIn(LINK_REQUEST_PREFIX + page, {
        [REDIRECT_METADATA_KEY]: page,
        ...(await askingBrowser()),
      });
    },
  };
}

/**
 * Sign-in by magic link (the `magicLinkStep` trigger). A link in the address (`#<token>`)
 * leaves it as soon as this is called, and signs its user in at start: at once when this
 * browser asked for it, else once the user confirms the account it opens. A sign-in that
 * meets the step asks for a link to `page`. Opt-in, so that apps without links ship none of
 * this: `<CustomAuthenticator services={signInLinks()} />`.
 */
export function signInLinks(options: SignInLinkOptions = {}): Partial<CustomAuthServices> {
  return linkServices(amplifyServices, options, thisPage);
}
