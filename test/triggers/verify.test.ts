import type { VerifyAuthChallengeResponseTriggerHandler } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { VerifyAuthChallengeResponseHandler } from '../../src/triggers/chain/handlers.ts';
import { answersMatch, normalizeAnswer } from '../../src/triggers/common/answers.ts';
import { createMemoryAttemptStore } from '../../src/triggers/limits/attempt-store.ts';
import { createVerifyAuthChallengeResponse } from '../../src/triggers/presets/handler-factories.ts';
import { verifyEvent } from './events.ts';

/** A fresh store per verdict: these tests are about the comparison, not the limits. */
const verify: VerifyAuthChallengeResponseHandler = (event) =>
  createVerifyAuthChallengeResponse({ limits: { store: createMemoryAttemptStore() } })(event);

async function verdict(
  answer: string,
  privateParameters: Record<string, string>,
  userNotFound = false,
) {
  const event = await verify(verifyEvent(answer, privateParameters, { userNotFound }));
  return event.response.answerCorrect;
}

describe('createVerifyAuthChallengeResponse', () => {
  it('accepts the right code', async () => {
    expect(await verdict('123456', { answer: '123456' })).toBe(true);
  });

  it('rejects a wrong code', async () => {
    expect(await verdict('123457', { answer: '123456' })).toBe(false);
  });

  it.each([' 123-456 ', '123 456', '12-34-56', '\t123456\n'])(
    'ignores spaces and dashes around and inside %j',
    async (answer) => {
      expect(await verdict(answer, { answer: '123456' })).toBe(true);
    },
  );

  it.each(['12345', '1234567', '123456123456', ''])(
    'rejects an answer of another length: %j',
    async (answer) => {
      expect(await verdict(answer, { answer: '123456' })).toBe(false);
    },
  );

  it('rejects even the right code for an unknown user', async () => {
    expect(await verdict('123456', { answer: '123456' }, true)).toBe(false);
  });

  it.each<[string, Record<string, string>]>([
    ['no private answer', {}],
    ['an empty private answer', { answer: '' }],
  ])('rejects everything when there is %s', async (_name, privateParameters) => {
    expect(await verdict('', privateParameters)).toBe(false);
    expect(await verdict('123456', privateParameters)).toBe(false);
  });

  it('overwrites a stale verdict and returns the event', async () => {
    const event = verifyEvent('000000', { answer: '123456' });
    event.response.answerCorrect = true;
    const result = await verify(event);
    expect(result).toBe(event);
    expect(result.response.answerCorrect).toBe(false);
  });

  it('treats an answer that is not a string as empty', async () => {
    const event = verifyEvent('', { answer: '123456' });
    (event.request as { challengeAnswer: unknown }).challengeAnswer = undefined;
    expect((await verify(event)).response.answerCorrect).toBe(false);
  });

  it('fits the aws-lambda handler type', () => {
    const handler: VerifyAuthChallengeResponseTriggerHandler = verify;
    expect(handler).toBe(verify);
  });
});

describe('normalizeAnswer and answersMatch', () => {
  it('drops whitespace and dashes only', () => {
    expect(normalizeAnswer(' 12-3 4\t56 ')).toBe('123456');
    expect(normalizeAnswer('12.34')).toBe('12.34');
  });

  it('compares strings of any length without throwing', () => {
    expect(answersMatch('1', '123456789012')).toBe(false);
    expect(answersMatch('123456789012', '123456789012')).toBe(true);
  });
});
