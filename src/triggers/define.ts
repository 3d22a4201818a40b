import type { DefineAuthChallengeHandler } from './chain/handlers.ts';
import type { CustomAuthTriggerOptions } from './options.ts';
import { presetTriggers } from './presets.ts';

/** Builds the Define Auth Challenge handler for the configured flow. */
export function createDefineAuthChallenge(
  options?: CustomAuthTriggerOptions,
): DefineAuthChallengeHandler {
  return presetTriggers(options).defineAuthChallenge;
}
