import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { type CustomChallengeStep, validAttempts } from '../../triggers/chain/chain-step.ts';
import {
  ceremonyRound,
  descriptorsOf,
  freshChallenge,
  freshChallengeShape,
} from './server/ceremony.ts';
import { decoyPasskeys, decoyPublicKey } from './server/decoys.ts';
import {
  clientDataOf,
  expectedOrigins,
  type RelyingPartyOptions,
  relyingParty,
} from './server/relying-party.ts';
import { webauthn } from './server/webauthn.ts';

/** Options of {@link passkeyStep}. */
export interface PasskeyStepOptions extends RelyingPartyOptions {
  /** Default 3. */
  maxAttempts?: number;
  /** Text for the user besides what the UI says of a passkey. Default none. */
  hint?: string;
}

/** A WebAuthn answer's JSON, or null: the client may send anything. */
export function parseCredential<T extends { id: string }>(answer: string): T | null {
  try {
    const value: unknown = JSON.parse(answer);
    const { id, response } = (value ?? {}) as { id?: unknown; response?: unknown };
    return typeof id === 'string' && typeof response === 'object' && response !== null
      ? (value as T)
      : null;
  } catch {
    return null;
  }
}

/**
 * The challenge an assertion must have signed: this round's, or one of the shape
 * `passkeyChallengeHandler` issues before anyone is named (a passkey picked from the username
 * field's autofill), which the store must then give once, after the signature is checked:
 * taking it earlier would let a forged answer show whether its user exists.
 */
function expectedChallenge(ours: string | undefined, clientDataJSON: unknown) {
  const { challenge } = clientDataOf(clientDataJSON);
  const issued =
    typeof challenge === 'string' && challenge !== ours && freshChallengeShape.test(challenge);
  return { challenge: issued ? challenge : (ours ?? ''), issued };
}

/**
 * Sign-in with a passkey the user registered (`type: passkey`): each round sends request
 * options with a fresh random challenge, which only this session's Verify sees, and the
 * user's passkeys; Verify checks the assertion with `@simplewebauthn/server` (challenge,
 * origin, RP ID, presence and verification, signature, counter) and records the use before
 * it answers. A user who does not exist is offered passkeys that look like real ones. An
 * assertion over a challenge `passkeyChallengeHandler` issued (a passkey picked from the
 * username field's autofill, before the sign-in began) passes too, once.
 */
export function passkeyStep(options: PasskeyStepOptions): CustomChallengeStep {
  const party = relyingParty(options);
  const { store } = party;
  return {
    kind: 'custom',
    provesFactor: true,
    type: 'passkey',
    maxAttempts: validAttempts(options.maxAttempts ?? 3),
    // A signature is no guess at a secret: a forged one must not lock its victim out.
    guessable: false,
    async create({ event, owner, decoySecret }) {
      const allowCredentials =
        event.request.userNotFound === true
          ? decoyPasskeys(decoySecret, event.userName)
          : descriptorsOf(await store.list(owner));
      return ceremonyRound(options.hint, {
        challenge: freshChallenge(),
        rpId: party.rpId,
        allowCredentials,
        userVerification: party.userVerification,
        timeout: party.timeoutMs,
      });
    },
    async verify({ event, answer, privateParameters, owner }) {
      const response = parseCredential<AuthenticationResponseJSON>(answer);
      if (!response) return false;
      // The user's passkeys are read for everyone, and an answer naming none of them (every
      // answer for an unknown user) is checked against a decoy, so that it takes as long.
      const found = (await store.list(owner)).find(({ id }) => id === response.id);
      const passkey = event.request.userNotFound === true ? undefined : found;
      const { clientDataJSON } = response.response;
      const { challenge, issued } = expectedChallenge(privateParameters.challenge, clientDataJSON);
      const { verifyAuthenticationResponse } = await webauthn();
      let result: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
      try {
        result = await verifyAuthenticationResponse({
          response,
          expectedChallenge: challenge,
          expectedOrigin: expectedOrigins(party, clientDataJSON),
          expectedRPID: party.rpId,
          credential: passkey
            ? {
                id: passkey.id,
                publicKey: Buffer.from(passkey.publicKey, 'base64url'),
                counter: passkey.counter,
                transports: passkey.transports as never,
              }
            : { id: response.id, publicKey: await decoyPublicKey(), counter: 0 },
          requireUserVerification: party.userVerification === 'required',
        });
      } catch {
        // A malformed answer, another challenge, origin or RP ID, a bad signature, a counter
        // gone backwards: all wrong answers.
        return false;
      }
      if (!passkey || !result.verified) return false;
      if (issued && !(await store.takeChallenge(challenge, Date.now()))) return false;
      const { newCounter, credentialBackedUp } = result.authenticationInfo;
      return store.recordUse(owner, passkey.id, {
        counter: newCounter,
        expectedCounter: passkey.counter,
        usedAt: Date.now(),
        backedUp: credentialBackedUp,
      });
    },
  };
}
