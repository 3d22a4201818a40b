import { count } from '../challenges/protocol.ts';
import { challengeName, ownFields, protocolOf } from '../challenges/protocols.ts';
import type { ChallengeInfo, CustomAuthTiming } from './types.ts';

/** What a challenge is made of; the rest is read from its parameters. */
export type SavedChallenge = Pick<
  ChallengeInfo,
  'parameters' | 'round' | 'expiresAt' | 'resendAvailableAt'
>;

/** Reads the public parameters as the wire protocol (src/challenges) defines them. */
function challengeFields(parameters: Readonly<Record<string, string>>) {
  return {
    name: challengeName(parameters),
    hint: parameters.hint ?? null,
    step: count(parameters.step),
    steps: count(parameters.steps),
    attemptsLeft: count(parameters.attemptsLeft),
    ...ownFields(parameters),
  };
}

export function challengeOf({
  parameters,
  round,
  expiresAt,
  resendAvailableAt,
}: SavedChallenge): ChallengeInfo {
  return {
    ...challengeFields(parameters),
    parameters,
    round,
    expiresAt,
    resendAvailableAt,
  } as ChallengeInfo;
}

export function newChallenge(
  timing: CustomAuthTiming,
  parameters: Readonly<Record<string, string>>,
  round: number,
  resendAvailableAt: number,
): ChallengeInfo {
  const expiresAt = Date.now() + timing.sessionValidityMs - timing.expiryMarginMs;
  return challengeOf({ parameters, round, expiresAt, resendAvailableAt });
}

/**
 * After an answer, a challenge that names another step of the chain means the answer was
 * right; the same step again means it was wrong, unless it asks by another type (an `anyOf`
 * step going on by another of its alternatives).
 */
export const isNextStep = (current: ChallengeInfo | null, next: ChallengeInfo) =>
  (next.step !== null && current?.step !== next.step) || current?.name !== next.name;

/** What a resend picks for the user at a delivery choice (its type's protocol), if anything. */
export const resendChoiceOf = (challenge: ChallengeInfo | null, requested?: string) =>
  challenge ? protocolOf(challenge.name)?.resendChoice?.(challenge, requested) : undefined;

/** Whether the client answers the challenge's round itself, and when (its type's protocol). */
export const clientAnswerOf = (challenge: ChallengeInfo | null) =>
  challenge && protocolOf(challenge.name)?.clientAnswer?.(challenge.parameters);
