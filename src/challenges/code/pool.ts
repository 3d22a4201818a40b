import { sendCodeToOutbox } from '../../local-pool/local-aids/outbox-senders.ts';
import type { ChainPreset } from '../../local-pool/sign-in/chain-preset.ts';
import { codeStep } from './step.ts';

/** The code's presets in a pool's chain. */
export const codePresets = {
  code: () => codeStep({ sendCode: sendCodeToOutbox }),
  // Two steps: which channel (email or SMS), then the code by it.
  codeByChoice: () => codeStep({ sendCode: sendCodeToOutbox, deliver: 'choice' }),
} satisfies Record<string, ChainPreset>;
