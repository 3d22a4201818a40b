import type { DefineAuthChallengeTriggerEvent } from 'aws-lambda';
import { chainPosition } from './chain-position.ts';
import type { CustomAuthTriggerOptions, ResolvedTriggerOptions } from './options.ts';
import { presetTriggers } from './presets.ts';
import { CUSTOM_CHALLENGE, PASSWORD_VERIFIER, type SessionEntry } from './session.ts';

/** A Define Auth Challenge Lambda handler; it returns the event with its response filled in. */
export type DefineAuthChallengeHandler = (
  event: DefineAuthChallengeTriggerEvent,
) => Promise<DefineAuthChallengeTriggerEvent>;

/** What Define tells Cognito to do next. */
export type DefineDecision =
  | { type: 'challenge'; challengeName: typeof CUSTOM_CHALLENGE | typeof PASSWORD_VERIFIER }
  | { type: 'issueTokens' }
  | { type: 'fail' };

/**
 * Decides the next step of one of the kit's flows from the session alone: the password
 * first in `passwordThenCode` (and in `either` when the client opened with SRP_A), then up to
 * `maxAttempts` answers to the code.
 */
export function decideNextChallenge(
  session: readonly SessionEntry[],
  options: Pick<ResolvedTriggerOptions, 'flow' | 'maxAttempts'>,
): DefineDecision {
  const code = { kind: 'custom' as const, maxAttempts: options.maxAttempts };
  const password = {
    kind: 'password' as const,
    maxAttempts: 1,
    optional: options.flow === 'either',
  };
  const position = chainPosition(
    session,
    options.flow === 'passwordless' ? [code] : [password, code],
  );
  switch (position.kind) {
    case 'password':
      return { type: 'challenge', challengeName: PASSWORD_VERIFIER };
    case 'custom':
      return { type: 'challenge', challengeName: CUSTOM_CHALLENGE };
    case 'done':
      return { type: 'issueTokens' };
    default:
      return { type: 'fail' };
  }
}

/** Builds the Define Auth Challenge handler for the configured flow. */
export function createDefineAuthChallenge(
  options?: CustomAuthTriggerOptions,
): DefineAuthChallengeHandler {
  return presetTriggers(options).defineAuthChallenge;
}
