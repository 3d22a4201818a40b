import { signIn } from '@aws-amplify/auth';
import { LINK_REQUEST_PREFIX, REDIRECT_METADATA_KEY } from '../shared/link-protocol.ts';
import { amplifyServices, type CustomAuthServices, toSignInStep } from './amplify.ts';
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

interface OpenedLink {
  username: string;
  token: string;
}

/** The link this page was opened with, held from reading the address until it is used. */
let opened: OpenedLink | null = null;

function decodeBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
}

/** The username a token's claims name; the signature is the trigger's to check. */
function usernameIn(claims: string): string | null {
  try {
    const { u } = JSON.parse(decodeBase64Url(claims)) as { u?: unknown };
    return typeof u === 'string' && u !== '' ? u : null;
  } catch {
    return null;
  }
}

/** Takes a sign-in link out of the address bar (and this history entry), keeping its token. */
function readAddress(): void {
  const match = typeof location === 'undefined' ? null : linkTokenPattern.exec(location.hash);
  if (!match) return;
  history.replaceState(history.state, '', location.pathname + location.search);
  const username = usernameIn(match[2] as string);
  opened = username ? { username, token: match[1] as string } : null;
}

/**
 * A sign-in to resume at start: the opened link's, as a magic-link step waiting for its
 * answer (which `answerLinkStep` gives), before any challenge kept for a reload.
 */
async function loadPendingChallenge(): Promise<PendingChallenge | null> {
  if (!opened) return amplifyServices.loadPendingChallenge();
  return {
    username: opened.username,
    challenge: {
      parameters: { type: 'magicLink' },
      round: 1,
      // The sign-in starts with the answer; until then, nothing is waiting on Cognito.
      expiresAt: Date.now() + 60_000,
      resendAvailableAt: 0,
    },
  };
}

const currentPage = () => location.origin + location.pathname + location.search;

/**
 * Sign-in by magic link (the `magicLinkStep` trigger). A link in the address (`#<token>`)
 * leaves it as soon as this is called, and signs its user in at start; a sign-in that meets
 * the step asks for a link to `page`. Opt-in, so that apps without links ship none of this:
 * `<CustomAuthenticator services={signInLinks()} />`.
 */
export function signInLinks(options: SignInLinkOptions = {}): Partial<CustomAuthServices> {
  readAddress();
  return {
    loadPendingChallenge,
    // An opened link is a sign-in to resume: the start must wait to load it.
    mayResume: () => opened !== null || amplifyServices.mayResume(),
    answerLinkStep: async () => {
      const link = opened;
      opened = null;
      if (link) {
        // A fresh sign-in, here or on another device, whose first answer is the link.
        const first = await toSignInStep(
          await signIn({
            username: link.username,
            options: { authFlowType: 'CUSTOM_WITHOUT_SRP' },
          }),
        );
        const asks = first.type === 'customChallenge' && first.parameters.type === 'magicLink';
        return asks ? amplifyServices.confirmSignIn(link.token) : first;
      }
      const page = options.page ?? currentPage();
      return amplifyServices.confirmSignIn(LINK_REQUEST_PREFIX + page, {
        [REDIRECT_METADATA_KEY]: page,
      });
    },
  };
}
