import type { ChainPreset } from '../../local-pool/sign-in/chain-preset.ts';
import { anyOf } from '../../triggers/chain/any-of.ts';
import { codePresets } from '../code/pool.ts';
import { passkeyEnrollmentStep } from './enrollment-step.ts';
import { passkeyChallengeHandler } from './server/challenge-handler.ts';
import { passkeyManagementHandler } from './server/management-handler.ts';
import type { PasskeyStore } from './server/passkey-store.ts';
import type { RelyingPartyOptions } from './server/relying-party.ts';
import { passkeyStep } from './step.ts';

/**
 * Passkeys for pages on this machine: RP ID `localhost` (WebAuthn refuses an IP address, so a
 * page on 127.0.0.1 cannot use them), from any port, over http.
 */
const onThisMachine = (store: PasskeyStore): RelyingPartyOptions => ({
  rpId: 'localhost',
  origins: (origin: string) => URL.canParse(origin) && new URL(origin).hostname === 'localhost',
  store,
});

/** The passkeys' presets in a pool's chain: the pool keeps one store for all of them. */
export const passkeyPresets = {
  passkey: ({ passkeys }) => passkeyStep(onThisMachine(passkeys)),
  // "A passkey, or a code": anyOf, with the pool's code.
  passkeyOrCode: (context) =>
    anyOf(passkeyStep(onThisMachine(context.passkeys)), codePresets.code()),
  passkeyEnrollment: ({ passkeys }) =>
    passkeyEnrollmentStep({ ...onThisMachine(passkeys), rpName: 'Local user pool' }),
} satisfies Record<string, ChainPreset>;

/** The pool's `passkeyChallengeHandler`, over the store its passkey steps use. */
export const localPasskeyChallengeHandler = (store: PasskeyStore) =>
  passkeyChallengeHandler(onThisMachine(store));

/** The pool's `passkeyManagementHandler`, checking access tokens with the pool at `endpoint`. */
export const localPasskeyManagementHandler = (store: PasskeyStore, endpoint: string) =>
  passkeyManagementHandler({
    ...onThisMachine(store),
    rpName: 'Local user pool',
    cognitoEndpoint: endpoint,
  });
