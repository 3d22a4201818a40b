import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import { type CustomChallengeStep, validAttempts } from '../../triggers/chain/chain-step.ts';
import { PASSKEY_SKIP } from './protocol.ts';
import { ceremonyRound, freshChallenge } from './server/ceremony.ts';
import { creationOptions, verifiedPasskey } from './server/registration.ts';
import { type RelyingPartyOptions, relyingParty } from './server/relying-party.ts';
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
      return ceremonyRound(
        options.hint,
        creationOptions(party, rpName, event.userName, existing, freshChallenge()),
      );
    },
    async verify({ event, answer, privateParameters, owner }) {
      if (event.request.userNotFound === true) return false;
      if (answer === PASSKEY_SKIP) return true;
      const response = parseCredential<RegistrationResponseJSON>(answer);
      const passkey =
        response && (await verifiedPasskey(party, response, privateParameters.challenge ?? ''));
      return passkey ? store.add(owner, passkey) : false;
    },
  };
}
