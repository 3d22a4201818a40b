import type { VerifyAuthChallengeResponseHandler } from './chain/handlers.ts';
import type { CustomAuthTriggerOptions } from './options.ts';
import { presetTriggers } from './presets.ts';

/** Builds the Verify Auth Challenge Response handler for the configured flow. */
export function createVerifyAuthChallengeResponse(
  options?: CustomAuthTriggerOptions,
): VerifyAuthChallengeResponseHandler {
  return presetTriggers(options).verifyAuthChallengeResponse;
}
