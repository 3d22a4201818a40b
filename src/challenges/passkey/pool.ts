import { localRelyingParty as onThisMachine } from '../../local-pool/passkeys/local-relying-party.ts';
import type { ChainPreset } from '../../local-pool/sign-in/chain-preset.ts';
import { anyOf } from '../../triggers/chain/any-of.ts';
import { codePresets } from '../code/pool.ts';
import { passkeyEnrollmentStep } from './enrollment-step.ts';
import { passkeyStep } from './step.ts';

/** The passkeys' presets in a pool's chain: the pool keeps one store for all of them. */
export const passkeyPresets = {
  passkey: ({ passkeys }) => passkeyStep(onThisMachine(passkeys)),
  // "A passkey, or a code": anyOf, with the pool's code.
  passkeyOrCode: (context) =>
    anyOf(passkeyStep(onThisMachine(context.passkeys)), codePresets.code()),
  passkeyEnrollment: ({ passkeys }) =>
    passkeyEnrollmentStep({ ...onThisMachine(passkeys), rpName: 'Local user pool' }),
} satisfies Record<string, ChainPreset>;
