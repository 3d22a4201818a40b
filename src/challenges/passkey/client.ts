import { ignoreFailure } from '../../machine/resume.ts';
import type {
  PasskeyCreationOptionsJSON,
  PasskeyDescriptorJSON,
  PasskeyRequestOptionsJSON,
} from './protocol.ts';

// The browser's WebAuthn calls, with the options and answers as the JSON the steps speak.
// Written out rather than left to `PublicKeyCredential.parseRequestOptionsFromJSON` and
// `toJSON`, which browsers released in 2024 and 2025 lack.

export const toBytes = (base64url: string) =>
  Uint8Array.from(atob(base64url.replace(/-/g, '+').replace(/_/g, '/')), (char) =>
    char.charCodeAt(0),
  );

export const toBase64url = (buffer: ArrayBuffer) =>
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
