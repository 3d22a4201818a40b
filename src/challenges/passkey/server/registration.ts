import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import type { PasskeyCreationOptionsJSON } from '../protocol.ts';
import { descriptorsOf } from './ceremony.ts';
import type { StoredPasskey } from './passkey-store.ts';
import { expectedOrigins, type RelyingParty } from './relying-party.ts';
import { webauthn } from './webauthn.ts';

/** ES256, then RS256 (Windows Hello): what authenticators make, in order of preference. */
const algorithms = [-7, -257];

/**
 * Creation options for `username`: a discoverable passkey (the user handle is the username,
 * which the autofill's sign-in reads back), attestation `none`, their passkeys excluded.
 */
export function creationOptions(
  party: RelyingParty,
  rpName: string,
  username: string,
  existing: readonly StoredPasskey[],
  challenge: string,
): PasskeyCreationOptionsJSON {
  return {
    challenge,
    rp: { id: party.rpId, name: rpName },
    user: {
      id: Buffer.from(username, 'utf8').toString('base64url'),
      name: username,
      displayName: username,
    },
    pubKeyCredParams: algorithms.map((alg) => ({ type: 'public-key' as const, alg })),
    excludeCredentials: descriptorsOf(existing),
    authenticatorSelection: { residentKey: 'required', userVerification: party.userVerification },
    attestation: 'none',
    timeout: party.timeoutMs,
  };
}

/**
 * The passkey a registration made over `challenge`, verified with `@simplewebauthn/server`
 * (challenge, origin, RP ID, presence and verification, algorithm); null for anything else.
 */
export async function verifiedPasskey(
  party: RelyingParty,
  response: RegistrationResponseJSON,
  challenge: string,
): Promise<StoredPasskey | null> {
  const { verifyRegistrationResponse } = await webauthn();
  let result: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    result = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: expectedOrigins(party, response.response.clientDataJSON),
      expectedRPID: party.rpId,
      requireUserVerification: party.userVerification === 'required',
      supportedAlgorithmIDs: algorithms,
    });
  } catch {
    return null;
  }
  if (!result.verified) return null;
  const { credential, credentialDeviceType, credentialBackedUp, aaguid } = result.registrationInfo;
  return {
    id: credential.id,
    publicKey: Buffer.from(credential.publicKey).toString('base64url'),
    counter: credential.counter,
    transports: credential.transports ?? response.response.transports ?? [],
    backedUp: credentialBackedUp,
    deviceType: credentialDeviceType,
    createdAt: Date.now(),
    lastUsedAt: null,
    aaguid,
  };
}
