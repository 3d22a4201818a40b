import { LINK_REQUEST_PREFIX, REDIRECT_METADATA_KEY } from '../shared/link-protocol.ts';
import { amplifyServices, type CustomAuthServices } from './amplify.ts';
import type { PendingChallenge } from './pending-challenge.ts';

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
  opened: { username: string; token: string } | null;
}

/** This page's: every `signInLinks()` call shares it, so an app may call it at each render. */
const thisPage: OpenedLinkHolder = { opened: null };

function decodeBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
}

/** The username a token's claims name; the signature is the trigger's to check. */
function usernameIn(token: string): string | null {
  try {
    const { u } = JSON.parse(decodeBase64Url(token.split('.')[1] as string)) as { u?: unknown };
    return typeof u === 'string' && u !== '' ? u : null;
  } catch {
    return null;
  }
}

/** Takes a sign-in link out of the address bar (and this history entry), keeping its token. */
function readAddress(held: OpenedLinkHolder): void {
  const match = typeof location === 'undefined' ? null : linkTokenPattern.exec(location.hash);
  if (!match) return;
  history.replaceState(history.state, '', location.pathname + location.search);
  const token = match[1] as string;
  const username = usernameIn(token);
  held.opened = username ? { username, token } : null;
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
     * The opened link's sign-in, as a magic-link step waiting for its answer (the token,
     * which the statechart holds for this sign-in and gives `answerLinkStep`); before it,
     * any challenge kept for a reload.
     */
    loadPendingChallenge: async (): Promise<PendingChallenge | null> => {
      const link = held.opened;
      held.opened = null;
      if (!link) return base.loadPendingChallenge();
      return {
        username: link.username,
        challenge: {
          parameters: { type: 'magicLink' },
          round: 1,
          // The sign-in starts with the answer; until then, nothing is waiting on Cognito.
          expiresAt: Date.now() + 60_000,
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
    answerLinkStep: async (link) => {
      const username = link && usernameIn(link);
      if (username) {
        // A fresh sign-in, here or on another device, whose first answer is the link.
        const first = await base.signIn({ username, flow: 'passwordless' });
        const asks = first.type === 'customChallenge' && first.parameters.type === 'magicLink';
        return asks ? base.confirmSignIn(link) : first;
      }
      const page = options.page ?? currentPage();
      return base.confirmSignIn(LINK_REQUEST_PREFIX + page, { [REDIRECT_METADATA_KEY]: page });
    },
  };
}

/**
 * Sign-in by magic link (the `magicLinkStep` trigger). A link in the address (`#<token>`)
 * leaves it as soon as this is called, and signs its user in at start; a sign-in that meets
 * the step asks for a link to `page`. Opt-in, so that apps without links ship none of this:
 * `<CustomAuthenticator services={signInLinks()} />`.
 */
export function signInLinks(options: SignInLinkOptions = {}): Partial<CustomAuthServices> {
  return linkServices(amplifyServices, options, thisPage);
}
