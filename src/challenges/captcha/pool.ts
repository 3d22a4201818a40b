import type { ChainPreset } from '../../local-pool/sign-in/chain-preset.ts';
import { captchaStep } from './step.ts';

/** The CAPTCHA's preset in a pool's chain. */
export const captchaPresets = {
  // The built-in test widget: no network, no keys.
  captcha: () => captchaStep({ provider: 'local', siteKey: 'local' }),
} satisfies Record<string, ChainPreset>;
