import type {
  CreateAuthChallengeHandler,
  DefineAuthChallengeHandler,
  VerifyAuthChallengeResponseHandler,
} from '../chain/handlers.ts';
import type { CustomAuthTriggerOptions } from './options.ts';
import { presetTriggers } from './preset-triggers.ts';

/** Builds the Define Auth Challenge handler for the configured flow. */
export function createDefineAuthChallenge(
  options?: CustomAuthTriggerOptions,
): DefineAuthChallengeHandler {
  return presetTriggers(options).defineAuthChallenge;
}

/** Builds the Create Auth Challenge handler: a one-time code, sent once per sign-in. */
export function createCreateAuthChallenge(
  options?: CustomAuthTriggerOptions,
): CreateAuthChallengeHandler {
  return presetTriggers(options).createAuthChallenge;
}

/** Builds the Verify Auth Challenge Response handler for the configured flow. */
export function createVerifyAuthChallengeResponse(
  options?: CustomAuthTriggerOptions,
): VerifyAuthChallengeResponseHandler {
  return presetTriggers(options).verifyAuthChallengeResponse;
}
