import type { VerifyAuthChallengeResponseTriggerEvent } from 'aws-lambda';
import type { CustomAuthTriggerOptions } from './options.ts';
import { presetTriggers } from './presets.ts';

export { answersMatch, normalizeAnswer } from './answers.ts';

/** A Verify Auth Challenge Response Lambda handler; it returns the event with its verdict. */
export type VerifyAuthChallengeResponseHandler = (
  event: VerifyAuthChallengeResponseTriggerEvent,
) => Promise<VerifyAuthChallengeResponseTriggerEvent>;

/** Builds the Verify Auth Challenge Response handler for the configured flow. */
export function createVerifyAuthChallengeResponse(
  options?: CustomAuthTriggerOptions,
): VerifyAuthChallengeResponseHandler {
  return presetTriggers(options).verifyAuthChallengeResponse;
}
