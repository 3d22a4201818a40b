import { amplifyServices } from '../../machine/amplify.ts';
import { ignoreFailure } from '../../machine/resume.ts';
import type { CustomAuthServices } from '../../machine/services.ts';
import type {
  PasskeyChallengeResponse,
  PasskeyCreationOptionsJSON,
  PasskeyDescriptorJSON,
  PasskeyRequestOptionsJSON,
} from './protocol.ts';

// The browser's WebAuthn calls, with the options and answers as the JSON the steps speak.
// Written out rather than left to `PublicKeyCredential.parseRequestOptionsFromJSON` and
// `toJSON`, which browsers released in 2024 and 2025 lack.

const toBytes = (base64url: string) =>
  Uint8Array.from(atob(base64url.replace(/-/g, '+').replace(/_/g, '/')), (char) =>
    char.charCodeAt(0),
  );

const toBase64url = (buffer: ArrayBuffer) =>
  btoa(String.fromCharCode(...new Uint8Array(buffer)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

const descriptors = (list: readonly PasskeyDescriptorJSON[]) =>
  list.map(({ id, transports }) => ({
    id: toBytes(id),
    type: 'public-key' as const,
    ...(transports && { transports: transports as AuthenticatorTransport[] }),
  }));

/** A credential as the JSON the steps take: what every ceremony's has, and `fields`. */
const answerOf = (credential: PublicKeyCredential, fields: Record<string, unknown>) =>
  JSON.stringify({
    id: credential.id,
    rawId: toBase64url(credential.rawId),
    type: 'public-key',
    response: { clientDataJSON: toBase64url(credential.response.clientDataJSON), ...fields },
    clientExtensionResults: {},
    authenticatorAttachment: credential.authenticatorAttachment ?? undefined,
  });

/** Where a sign-in a passkey of this browser answered is noted, with whose it was. */
const PASSKEY_USED_KEY = 'cognito-custom-auth.passkeyUsed';

/** Storage may be missing or refuse: then the offer of a passkey comes, and can be refused. */
export const notePasskeyUsed = (username: string) =>
  ignoreFailure(() => sessionStorage.setItem(PASSKEY_USED_KEY, username));

/** This tab's latest sign-in of `username` was answered with a passkey of this browser. */
export const signedInWithPasskey = (username: string) =>
  ignoreFailure(() => sessionStorage.getItem(PASSKEY_USED_KEY) === username) === true;

/** Whether this browser can use passkeys at all. */
export const passkeysSupported = () =>
  typeof window !== 'undefined' && typeof window.PublicKeyCredential === 'function';

/** The request options the `publicKey` parameter carries, or null when malformed. */
export function readPasskeyOptions<
  T extends PasskeyRequestOptionsJSON | PasskeyCreationOptionsJSON,
>(parameters: Readonly<Record<string, string>>): T | null {
  try {
    const options: unknown = JSON.parse(parameters.publicKey ?? '');
    return typeof (options as T | null)?.challenge === 'string' ? (options as T) : null;
  } catch {
    return null;
  }
}

/**
 * Asks the browser for a passkey (`navigator.credentials.get`) and gives the answer a
 * `passkey` round takes: the assertion's JSON. `mediation: 'conditional'` waits for the user
 * to pick one in the username field's autofill. Rejects as the browser does: a
 * `NotAllowedError` when the user cancels or the time runs out.
 */
export async function getPasskeyAnswer(
  options: PasskeyRequestOptionsJSON,
  request: { signal?: AbortSignal; mediation?: CredentialMediationRequirement } = {},
): Promise<string> {
  const credential = (await navigator.credentials.get({
    ...request,
    publicKey: {
      challenge: toBytes(options.challenge),
      rpId: options.rpId,
      allowCredentials: descriptors(options.allowCredentials),
      userVerification: options.userVerification,
      timeout: options.timeout,
    },
  })) as PublicKeyCredential | null;
  if (!credential) throw new DOMException('No passkey was given.', 'NotAllowedError');
  const response = credential.response as AuthenticatorAssertionResponse;
  return answerOf(credential, {
    authenticatorData: toBase64url(response.authenticatorData),
    signature: toBase64url(response.signature),
    ...(response.userHandle && { userHandle: toBase64url(response.userHandle) }),
  });
}

/**
 * Asks the browser to make a passkey (`navigator.credentials.create`) and gives the answer a
 * `passkeyEnrollment` round takes: the registration's JSON, with only what the server reads.
 */
export async function createPasskeyAnswer(
  options: PasskeyCreationOptionsJSON,
  request: { signal?: AbortSignal } = {},
): Promise<string> {
  const credential = (await navigator.credentials.create({
    ...request,
    publicKey: {
      ...options,
      challenge: toBytes(options.challenge),
      user: { ...options.user, id: toBytes(options.user.id) },
      excludeCredentials: descriptors(options.excludeCredentials),
    },
  })) as PublicKeyCredential | null;
  if (!credential) throw new DOMException('No passkey was made.', 'NotAllowedError');
  const response = credential.response as AuthenticatorAttestationResponse;
  return answerOf(credential, {
    attestationObject: toBase64url(response.attestationObject),
    transports: response.getTransports?.() ?? [],
  });
}

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
