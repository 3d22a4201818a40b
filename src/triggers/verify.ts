import { createHash, timingSafeEqual } from 'node:crypto';
import type { VerifyAuthChallengeResponseTriggerEvent } from 'aws-lambda';
import { reserveAnswer } from './limits.ts';
import { type CustomAuthTriggerOptions, resolveOptions } from './options.ts';

/** A Verify Auth Challenge Response Lambda handler; it returns the event with its verdict. */
export type VerifyAuthChallengeResponseHandler = (
  event: VerifyAuthChallengeResponseTriggerEvent,
) => Promise<VerifyAuthChallengeResponseTriggerEvent>;

/** Drops what people type or paste around a code: outer and inner spaces, and dashes. */
export function normalizeAnswer(answer: unknown): string {
  return typeof answer === 'string' ? answer.trim().replace(/[\s-]/g, '') : '';
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Compares digests rather than the strings so that neither the position of the first wrong
 * digit nor the length of the expected answer shows in the timing.
 */
export function answersMatch(given: string, expected: string): boolean {
  return timingSafeEqual(sha256(given), sha256(expected));
}

/** Always runs the comparison, so unknown users and known ones take the same time. */
function isAnswerCorrect(event: VerifyAuthChallengeResponseTriggerEvent): boolean {
  const expected = normalizeAnswer(event.request.privateChallengeParameters?.answer);
  const given = normalizeAnswer(event.request.challengeAnswer);
  const matches = answersMatch(given, expected);
  return matches && expected !== '' && event.request.userNotFound !== true;
}

/**
 * Builds the Verify Auth Challenge Response handler. It takes the same options as the other
 * two factories so one options object configures all three. A locked username is refused
 * before its answer is looked at, so even the right code cannot be found by guessing on.
 */
export function createVerifyAuthChallengeResponse(
  options?: CustomAuthTriggerOptions,
): VerifyAuthChallengeResponseHandler {
  const { limits } = resolveOptions(options);
  return async (event) => {
    const reserved = await reserveAnswer(limits, event, Date.now());
    const correct = isAnswerCorrect(event);
    if (correct) await reserved.giveBack();
    else reserved.lockIfWrong();
    event.response.answerCorrect = correct;
    return event;
  };
}
