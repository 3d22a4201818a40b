import { captchaPresets } from '../../challenges/captcha/pool.ts';
import { codePresets } from '../../challenges/code/pool.ts';
import { magicLinkPresets } from '../../challenges/magic-link/pool.ts';
import { passkeyPresets } from '../../challenges/passkey/pool.ts';
import { textPresets } from '../../challenges/text/pool.ts';
import type { ChainStep } from '../../triggers/chain/chain-step.ts';
import { passwordStep } from '../../triggers/chain/password-step.ts';
import type { ChainPreset, ChainPresetContext } from './chain-preset.ts';

/**
 * The steps a pool's chain can be made of, by name, in the order the command line lists
 * them. A challenge type adds its presets here from its folder's `pool.ts`; the names,
 * `--flow` and the errors follow from this map.
 */
export const chainPresets = {
  // Not a custom challenge: Cognito checks it with SRP, so it has no folder of its own.
  password: () => passwordStep(),
  ...codePresets,
  ...textPresets,
  ...captchaPresets,
  ...magicLinkPresets,
  ...passkeyPresets,
} satisfies Record<string, ChainPreset>;

/** A record's own keys in their order, typed as its keys. */
const keysOf = <Named extends Record<string, unknown>>(record: Named) =>
  Object.keys(record) as readonly (keyof Named & string)[];

/** The steps a pool's chain can be made of, by name. */
export const chainStepNames = keysOf(chainPresets);
export type ChainStepName = (typeof chainStepNames)[number];

/** One step of a pool's chain, by its name. */
export function chainStep(name: ChainStepName, context: ChainPresetContext): ChainStep {
  // Own keys only, and checked here: options from code reach this unchecked, unlike the
  // command line's, and `constructor` must not find Object's.
  if (!Object.hasOwn(chainPresets, name)) {
    throw new TypeError(
      `Unknown chain step ${JSON.stringify(name)}: use ${chainStepNames.join(', ')}.`,
    );
  }
  const preset: ChainPreset = chainPresets[name];
  return preset(context);
}
