import { amplifyServices } from '../../machine/amplify.ts';
import type { CustomAuthServices } from '../../machine/services.ts';
import { getPasskeyAnswer, notePasskeyUsed, passkeysSupported, toBytes } from './client.ts';
import type { PasskeyChallengeResponse } from './protocol.ts';

/** Options of {@link passkeyAutofill}. */
export interface PasskeyAutofillOptions {
  /**
   * Where `passkeyChallengeHandler` answers: its function URL, or the local pool's
   * `passkeyChallengeUrl`.
   */
  challengeUrl: string;
  /** The services it signs in through (another option's, `signInLinks()`). Default Amplify's. */
  services?: Partial<CustomAuthServices>;
}

/** A sign-in from the username field's autofill: see {@link passkeyAutofill}. */
export interface PasskeyAutofill {
  /**
   * For the provider's `services`: a sign-in of the user whose passkey was picked answers its
   * first round with it, when that round asks for a passkey.
   */
  services: Partial<CustomAuthServices>;
  /**
   * Offers the user's passkeys in the username field's autofill (the field's autocomplete
   * must hold `webauthn`) until one is picked or `signal` aborts, with a fresh challenge
   * before each one's time runs out. Resolves with the username the passkey names, to
   * `signIn` with; null where the browser has no passkey autofill. Rejects when no challenge
   * comes, or as the browser does.
   */
  wait(signal: AbortSignal): Promise<string | null>;
}

/** The challenge is asked for again this long before the prompt's time would run out. */
const RENEW_MARGIN_MS = 5_000;

async function autofillAvailable(): Promise<boolean> {
  try {
    return passkeysSupported() && (await PublicKeyCredential.isConditionalMediationAvailable());
  } catch {
    return false;
  }
}

/** A plain POST with no body: no preflight, and nothing a cache may keep. */
async function fetchRequestOptions(url: string, signal: AbortSignal) {
  const response = await fetch(url, { method: 'POST', signal, cache: 'no-store' });
  const { publicKey } = ((await response.json().catch(() => null)) ??
    {}) as Partial<PasskeyChallengeResponse>;
  if (!response.ok || typeof publicKey?.challenge !== 'string') {
    throw new Error(`No passkey challenge from ${url} (HTTP ${response.status}).`);
  }
  return publicKey;
}

/** The username a discoverable passkey holds as its user handle, as enrolment stored it. */
function usernameOf(answer: string): string {
  const handle = (JSON.parse(answer) as { response: { userHandle?: string } }).response.userHandle;
  const username = handle && new TextDecoder().decode(toBytes(handle));
  if (!username) throw new TypeError('The passkey picked names no user.');
  return username;
}

/**
 * Sign-in with no username typed: the browser offers the site's passkeys in the username
 * field's autofill (conditional mediation), and the one picked signs its user in. Needs
 * `passkeyChallengeHandler` deployed (the challenge exists before anyone is named) and a
 * chain whose first round may be a passkey (`passkeyStep`, or `anyOf` starting with one).
 * Requests: the challenge, InitiateAuth and one RespondToAuthChallenge.
 */
export function passkeyAutofill(options: PasskeyAutofillOptions): PasskeyAutofill {
  const base = { ...amplifyServices, ...options.services };
  let picked: { username: string; answer: string } | null = null;
  return {
    services: {
      ...options.services,
      signIn: async (request) => {
        const held = picked?.username === request.username ? picked : null;
        picked = null;
        const step = await base.signIn(request);
        if (!held || step.type !== 'customChallenge' || step.parameters.type !== 'passkey') {
          return step;
        }
        notePasskeyUsed(held.username);
        return base.confirmSignIn(held.answer);
      },
    },
    async wait(signal) {
      picked = null;
      if (!(await autofillAvailable())) return null;
      for (;;) {
        const publicKey = await fetchRequestOptions(options.challengeUrl, signal);
        // Told to stop while the challenge came: no prompt, as none can be stopped later.
        signal.throwIfAborted();
        const renewal = new AbortController();
        const renew = setTimeout(
          () => renewal.abort(),
          (publicKey.timeout ?? 120_000) - RENEW_MARGIN_MS,
        );
        const stop = () => renewal.abort();
        signal.addEventListener('abort', stop);
        try {
          const answer = await getPasskeyAnswer(publicKey, {
            signal: renewal.signal,
            mediation: 'conditional',
          });
          picked = { username: usernameOf(answer), answer };
          return picked.username;
        } catch (error) {
          if (signal.aborted || !renewal.signal.aborted) throw error;
        } finally {
          clearTimeout(renew);
          signal.removeEventListener('abort', stop);
        }
      }
    },
  };
}
