import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { en, errorText } from '../../src/components/messages/index.ts';
import { toAuthError } from '../../src/machine/errors.ts';
import { createMemoryAttemptStore } from '../../src/triggers/attempt-store.ts';
import { createCreateAuthChallenge } from '../../src/triggers/create.ts';
import { counterKey, SignInLockedError } from '../../src/triggers/limits.ts';
import type { CustomAuthTriggerOptions, SendCode } from '../../src/triggers/options.ts';
import { createVerifyAuthChallengeResponse } from '../../src/triggers/verify.ts';
import { createEvent, verifyEvent } from '../triggers/events.ts';

const start = Date.UTC(2026, 10, 26, 12);
const windowSeconds = 900;

function triggers(limits: CustomAuthTriggerOptions['limits'] = {}) {
  const sendCode = vi.fn<SendCode>(async () => {});
  const options = {
    decoySendDelayMs: 0,
    sendCode,
    limits: { store: createMemoryAttemptStore(), windowSeconds, ...limits },
  };
  return {
    sendCode,
    create: createCreateAuthChallenge(options),
    verify: createVerifyAuthChallengeResponse(options),
  };
}

const newSignIn = (userName = 'alice', userNotFound = false) =>
  createEvent([], userNotFound ? { userName, userNotFound, userAttributes: {} } : { userName });
const answer = (given: string, userName = 'alice', userNotFound = false) =>
  verifyEvent(given, { answer: '123456' }, { userName, userNotFound });
const lockAfter = (seconds: number) =>
  expect.objectContaining({ name: 'SignInLockedError', retryAfterSeconds: seconds });

describe('limits across sign-ins', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(start);
  });
  afterEach(() => vi.useRealTimers());

  it('sends at most maxCodes codes per window, then locks until the window ends', async () => {
    const { create, sendCode } = triggers({ maxCodes: 5 });
    for (let signIn = 0; signIn < 5; signIn++) await create(newSignIn());
    vi.setSystemTime(start + 60_000);
    await expect(create(newSignIn())).rejects.toEqual(lockAfter(windowSeconds - 60));
    expect(sendCode).toHaveBeenCalledTimes(5);
    vi.setSystemTime(start + windowSeconds * 1000);
    await create(newSignIn());
    expect(sendCode).toHaveBeenCalledTimes(6);
  });

  it('counts usernames without regard to case, and each username apart', async () => {
    const { create } = triggers({ maxCodes: 1 });
    await create(newSignIn('Alice'));
    await expect(create(newSignIn('ALICE'))).rejects.toBeInstanceOf(SignInLockedError);
    await expect(create(newSignIn('bob'))).resolves.toBeDefined();
  });

  it('locks a username after maxWrongAnswers wrong answers, whatever the sessions', async () => {
    const { verify } = triggers({ maxWrongAnswers: 4 });
    for (let wrong = 0; wrong < 3; wrong++) {
      expect((await verify(answer('000000'))).response.answerCorrect).toBe(false);
    }
    await expect(verify(answer('000000'))).rejects.toEqual(lockAfter(windowSeconds));
    // Locked: not even the right code passes, so guessing on learns nothing.
    await expect(verify(answer('123456'))).rejects.toBeInstanceOf(SignInLockedError);
    vi.setSystemTime(start + windowSeconds * 1000);
    expect((await verify(answer('123456'))).response.answerCorrect).toBe(true);
  });

  it('sends no code to a username locked by wrong answers', async () => {
    const { create, verify, sendCode } = triggers({ maxWrongAnswers: 1 });
    await expect(verify(answer('000000'))).rejects.toBeInstanceOf(SignInLockedError);
    await expect(create(newSignIn())).rejects.toBeInstanceOf(SignInLockedError);
    expect(sendCode).not.toHaveBeenCalled();
  });

  it('never looks at more answers than the limit, however many arrive at once', async () => {
    const { verify } = triggers({ maxWrongAnswers: 3 });
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        verify(answer(index === 9 ? '123456' : '000000')).then(
          (event) => String(event.response.answerCorrect),
          (error: Error) => error.name,
        ),
      ),
    );
    expect(outcomes.filter((outcome) => outcome !== 'SignInLockedError')).toEqual([
      'false',
      'false',
    ]);
    await expect(verify(answer('123456'))).rejects.toBeInstanceOf(SignInLockedError);
  });

  it('also caps wrong answers per day, so patience does not renew the guesses', async () => {
    const { verify } = triggers({ maxWrongAnswers: 3, maxWrongAnswersPerDay: 5 });
    const wrong = () => verify(answer('000000'));
    await wrong();
    await wrong();
    await expect(wrong()).rejects.toEqual(lockAfter(windowSeconds));
    vi.setSystemTime(start + windowSeconds * 1000);
    await wrong();
    await expect(wrong()).rejects.toEqual(lockAfter(24 * 3600 - windowSeconds));
    vi.setSystemTime(start + 2 * windowSeconds * 1000);
    await expect(verify(answer('123456'))).rejects.toBeInstanceOf(SignInLockedError);
    vi.setSystemTime(start + 24 * 3600 * 1000);
    expect((await verify(answer('123456'))).response.answerCorrect).toBe(true);
  });

  it('gives back what it counted when the other counter refuses', async () => {
    const store = createMemoryAttemptStore();
    const { verify } = triggers({ store, maxWrongAnswers: 5, maxWrongAnswersPerDay: 1 });
    await expect(verify(answer('000000'))).rejects.toBeInstanceOf(SignInLockedError);
    await expect(verify(answer('000000'))).rejects.toBeInstanceOf(SignInLockedError);
    const key = counterKey('wrong', 'eu-west-1_AbCdEf123', 'alice');
    expect((await store.get(key, Date.now()))?.count).toBe(1);
  });

  it('refuses a store that lacks a method, naming them', () => {
    const store = createMemoryAttemptStore();
    const partial = { get: store.get, increment: store.increment } as never;
    expect(() => createVerifyAuthChallengeResponse({ limits: { store: partial } })).toThrow(
      'limits.store must have the methods get, increment, decrement, secret.',
    );
  });

  it('does not count right answers', async () => {
    const { verify } = triggers({ maxWrongAnswers: 1 });
    for (let signIn = 0; signIn < 3; signIn++) {
      expect((await verify(answer('123456'))).response.answerCorrect).toBe(true);
    }
  });

  it('locks unknown usernames exactly as known ones, so a lock tells nothing', async () => {
    const { create, verify } = triggers({ maxCodes: 2, maxWrongAnswers: 2 });
    const outcomes = async (userName: string, userNotFound: boolean) => {
      const results: string[] = [];
      for (let step = 0; step < 3; step++) {
        const created = await create(newSignIn(userName, userNotFound)).then(
          () => 'sent',
          (error: Error) => error.message,
        );
        const verified = await verify(answer('000000', userName, userNotFound)).then(
          (event) => String(event.response.answerCorrect),
          (error: Error) => error.message,
        );
        results.push(created, verified);
      }
      return results;
    };
    const known = await outcomes('alice', false);
    expect(known).toContain('false');
    expect(known.some((outcome) => outcome.startsWith('SignInLocked'))).toBe(true);
    expect(await outcomes('mallory', true)).toEqual(known);
  });

  it('keys counters by a hash that names no user', () => {
    const key = counterKey('codes', 'eu-west-1_AbC', 'Alice@Example.com');
    expect(key).toMatch(/^codes#[\w-]{43}$/);
    expect(key.toLowerCase()).not.toContain('alice');
    expect(counterKey('codes', 'eu-west-1_AbC', 'alice@example.com')).toBe(key);
    expect(counterKey('codes', 'eu-west-1_Other', 'alice@example.com')).not.toBe(key);
  });

  it('reaches the client as a typed error with the time to wait', () => {
    // Cognito wraps a trigger's error as UserLambdaValidationException with its text.
    const thrown = new SignInLockedError(125);
    // Rounded up to whole minutes, so it does not date someone else's attempts to the second.
    expect(thrown.retryAfterSeconds).toBe(180);
    const cognito = Object.assign(
      new Error(`CreateAuthChallenge failed with error ${thrown.message}.`),
      { name: 'UserLambdaValidationException' },
    );
    const error = toAuthError(cognito);
    expect(error).toEqual({ code: 'SignInLocked', retryAt: start + 180_000 });
    expect(errorText(en, error)).toBe('Too many sign-in attempts. Try again in 3 min.');
    expect(
      toAuthError(Object.assign(new Error('x'), { name: 'UserLambdaValidationException' })).code,
    ).toBe('TriggerFailed');
  });

  it('refuses to run on AWS Lambda without a table for the counters', async () => {
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'create-auth-challenge');
    vi.stubEnv('CUSTOM_AUTH_LIMITS_TABLE', '');
    try {
      const create = createCreateAuthChallenge({ sendCode: async () => {} });
      await expect(create(newSignIn())).rejects.toThrow(/Set CUSTOM_AUTH_LIMITS_TABLE/);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
