import type { DefineAuthChallengeTriggerEvent } from 'aws-lambda';
import type { CustomAuthTriggerOptions } from './options.ts';
import { presetTriggers } from './presets.ts';

/** A Define Auth Challenge Lambda handler; it returns the event with its response filled in. */
export type DefineAuthChallengeHandler = (
  event: DefineAuthChallengeTriggerEvent,
) => Promise<DefineAuthChallengeTriggerEvent>;

/** Builds the Define Auth Challenge handler for the configured flow. */
export function createDefineAuthChallenge(
  options?: CustomAuthTriggerOptions,
): DefineAuthChallengeHandler {
  return presetTriggers(options).defineAuthChallenge;
}
