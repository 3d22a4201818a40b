import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import { type CustomChallengeStep, validAttempts } from '../../triggers/chain/chain-step.ts';
import { PASSKEY_SKIP, type PasskeyCreationOptionsJSON } from './protocol.ts';
import { ceremonyRound, descriptorsOf, freshChallenge } from './server/ceremony.ts';
import { expectedOrigins, type RelyingPartyOptions, relyingParty } from './server/relying-party.ts';
import { webauthn } from './server/webauthn.ts';
import { parseCredential } from './step.ts';

/** Options of {@link passkeyEnrollmentStep}. */
export interface PasskeyEnrollmentStepOptions extends RelyingPartyOptions {
  /** The name the browser shows for the site in its prompt. Default: the RP ID. */
  rpName?: string;
  /** Default 3. */
  maxAttempts?: number;
  /** Default none. */
  hint?: string;
}

/** ES256, then RS256 (Windows Hello): what authenticators make, in order of preference. */
const algorithms = [-7, -257];

/**
 * Offers to register a passkey (`type: passkeyEnrollment`), after a step that proved a factor
 * in the same sign-in (the chain refuses it anywhere else): creation options with a fresh
 * challenge, the user's passkeys excluded; Verify checks the registration with
 * `@simplewebauthn/server` and stores the passkey before it answers. `skip` goes on without
 * one. The user handle is the username: keep usernames opaque (a UUID, as pools that sign in
 * by email make them), since the handle is stored on the user's devices.
 */
export function passkeyEnrollmentStep(options: PasskeyEnrollmentStepOptions): CustomChallengeStep {
  const party = relyingParty(options);
  const { store } = party;
  const rpName = options.rpName ?? party.rpId;
  return {
    kind: 'custom',
    type: 'passkeyEnrollment',
    maxAttempts: validAttempts(options.maxAttempts ?? 3),
    guessable: false,
    needsFactor: true,
    async create({ event, owner }) {
      const existing = event.request.userNotFound === true ? [] : await store.list(owner);
      const publicKey: PasskeyCreationOptionsJSON = {
        challenge: freshChallenge(),
        rp: { id: party.rpId, name: rpName },
        user: {
          id: Buffer.from(event.userName, 'utf8').toString('base64url'),
          name: event.userName,
          displayName: event.userName,
        },
        pubKeyCredParams: algorithms.map((alg) => ({ type: 'public-key' as const, alg })),
        excludeCredentials: descriptorsOf(existing),
        authenticatorSelection: {
          residentKey: 'required',
          userVerification: party.userVerification,
        },
        attestation: 'none',
        timeout: party.timeoutMs,
      };
      return ceremonyRound(options.hint, publicKey);
    },
    async verify({ event, answer, privateParameters, owner }) {
      if (event.request.userNotFound === true) return false;
      if (answer === PASSKEY_SKIP) return true;
      const response = parseCredential<RegistrationResponseJSON>(answer);
      if (!response) return false;
      const { verifyRegistrationResponse } = await webauthn();
      let result: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
      try {
        result = await verifyRegistrationResponse({
          response,
          expectedChallenge: privateParameters.challenge ?? '',
          expectedOrigin: expectedOrigins(party, response.response.clientDataJSON),
          expectedRPID: party.rpId,
          requireUserVerification: party.userVerification === 'required',
          supportedAlgorithmIDs: algorithms,
        });
      } catch {
        return false;
      }
      if (!result.verified) return false;
      const { credential, credentialDeviceType, credentialBackedUp } = result.registrationInfo;
      return store.add(owner, {
        id: credential.id,
        publicKey: Buffer.from(credential.publicKey).toString('base64url'),
        counter: credential.counter,
        transports: credential.transports ?? response.response.transports ?? [],
        backedUp: credentialBackedUp,
        deviceType: credentialDeviceType,
        createdAt: Date.now(),
        lastUsedAt: null,
      });
    },
  };
}
