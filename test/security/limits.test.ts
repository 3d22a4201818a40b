import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { captchaStep } from '../../src/challenges/captcha/step.ts';
import { codeStep } from '../../src/challenges/code/step.ts';
import { questionStep } from '../../src/challenges/text/step.ts';
import { en, errorText } from '../../src/components/messages/index.ts';
import { toAuthError } from '../../src/machine/errors.ts';
import { createCustomAuthTriggers } from '../../src/triggers/chain/custom-auth-triggers.ts';
import type { SendCode } from '../../src/triggers/delivery/send-code.ts';
import { createMemoryAttemptStore } from '../../src/triggers/limits/attempt-store.ts';
import { counterKey } from '../../src/triggers/limits/owner.ts';
import { SignInLockedError } from '../../src/triggers/limits/throttle.ts';
import {
  createCreateAuthChallenge,
  createVerifyAuthChallengeResponse,
} from '../../src/triggers/presets/handler-factories.ts';
import type { CustomAuthTriggerOptions } from '../../src/triggers/presets/options.ts';
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

/** An account of its own: the counters belong to the `sub`, whatever the name's spelling. */
const account = (userName: string, sub = `sub-${userName}`) => ({
  userName,
  userAttributes: { sub, email: `${userName}@example.com`, email_verified: 'true' },
});
const newSignIn = (userName = 'alice', userNotFound = false) =>
  createEvent(
    [],
    userNotFound ? { userName, userNotFound, userAttributes: {} } : account(userName),
  );
const answer = (given: string, userName = 'alice', userNotFound = false) =>
  verifyEvent(
    given,
    { answer: '123456' },
    userNotFound ? { userName, userNotFound, userAttributes: {} } : account(userName),
  );
const lockAfter = (seconds: number) =>
  expect.objectContaining({ name: 'SignInLockedError', retryAfterSeconds: seconds });
const minute = 60_000;

describe('limits across sign-ins', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(start);
  });
  afterEach(() => vi.useRealTimers());

  it('sends maxCodes at once, then waits 1, 2, 4, 8 minutes between sends, never more than the cap', async () => {
    const { create, sendCode } = triggers({ maxCodes: 3 });
    await create(newSignIn());
    await create(newSignIn());
    let now = start;
    const waits: number[] = [];
    for (let send = 0; send < 7; send++) {
      await create(newSignIn());
      const refusal = await create(newSignIn()).catch((error: SignInLockedError) => error);
      expect(refusal).toBeInstanceOf(SignInLockedError);
      const wait = (refusal as SignInLockedError).retryAfterSeconds;
      waits.push(wait / 60);
      now += wait * 1000;
      vi.setSystemTime(now);
    }
    expect(waits).toEqual([1, 2, 4, 8, 15, 15, 15]);
    expect(sendCode).toHaveBeenCalledTimes(9);
  });

  it('waits longer after each wrong answer past maxWrongAnswers, up to the cap, and the right code then passes', async () => {
    const { verify } = triggers({ maxWrongAnswers: 3 });
    expect((await verify(answer('000000'))).response.answerCorrect).toBe(false);
    expect((await verify(answer('000000'))).response.answerCorrect).toBe(false);
    // The third wrong answer ends the sign-in with the wait it started.
    await expect(verify(answer('000000'))).rejects.toEqual(lockAfter(60));
    // Waiting: not even the right code is looked at, so guessing on learns nothing.
    await expect(verify(answer('123456'))).rejects.toEqual(lockAfter(60));
    vi.setSystemTime(start + minute);
    await expect(verify(answer('000000'))).rejects.toEqual(lockAfter(120));
    vi.setSystemTime(start + 3 * minute);
    expect((await verify(answer('123456'))).response.answerCorrect).toBe(true);
    // A right answer starts no wait.
    await expect(verify(answer('000000'))).rejects.toEqual(lockAfter(240));
  });

  it('keeps nobody out longer than the cap, and gives a guesser about a hundred tries a day', async () => {
    const looked = vi.fn(() => false);
    const { verifyAuthChallengeResponse: verify } = createCustomAuthTriggers({
      steps: [questionStep({ question: 'Pet?', verify: looked })],
      limits: { store: createMemoryAttemptStore(), windowSeconds },
    });
    let now = start;
    let longestWait = 0;
    while (now < start + 24 * 3600_000) {
      const wait = await verify(answer('Rex')).then(
        () => 0,
        (error: SignInLockedError) => error.retryAfterSeconds,
      );
      longestWait = Math.max(longestWait, wait);
      now += Math.max(wait * 1000, 1000);
      vi.setSystemTime(now);
    }
    expect(longestWait).toBe(windowSeconds);
    // 4 free, 4 while the waits grow (1 + 2 + 4 + 8 minutes), then one per 15 minutes.
    expect(looked.mock.calls.length).toBeGreaterThanOrEqual(95);
    expect(looked.mock.calls.length).toBeLessThanOrEqual(105);
  });

  it('looks at no more than one answer past the free ones, however many arrive at once', async () => {
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

  it('does not count an answer refused during a wait', async () => {
    const store = createMemoryAttemptStore();
    const { verify } = triggers({ store, maxWrongAnswers: 1 });
    await expect(verify(answer('000000'))).rejects.toBeInstanceOf(SignInLockedError);
    for (let tries = 0; tries < 5; tries++) {
      await expect(verify(answer('000000'))).rejects.toBeInstanceOf(SignInLockedError);
    }
    const key = counterKey('wrong', 'eu-west-1_AbCdEf123', 'sub:sub-alice');
    expect((await store.get(key, Date.now()))?.count).toBe(1);
  });

  it('sends no code to an account waiting after wrong answers', async () => {
    const { create, verify, sendCode } = triggers({ maxWrongAnswers: 1 });
    await expect(verify(answer('000000'))).rejects.toBeInstanceOf(SignInLockedError);
    await expect(create(newSignIn())).rejects.toBeInstanceOf(SignInLockedError);
    expect(sendCode).not.toHaveBeenCalled();
  });

  it('never lets two accounts whose names differ only in case share a counter', async () => {
    const { create, verify } = triggers({ maxCodes: 1, maxWrongAnswers: 1 });
    const upper = (event: ReturnType<typeof newSignIn>) => {
      event.request.userAttributes = account('Alice', 'sub-upper').userAttributes;
      event.userName = 'Alice';
      return event;
    };
    await expect(verify(answer('000000'))).rejects.toBeInstanceOf(SignInLockedError);
    await expect(create(newSignIn())).rejects.toBeInstanceOf(SignInLockedError);
    // "Alice" is another account in a case-sensitive pool: untouched by what befell "alice".
    await expect(create(upper(newSignIn()))).resolves.toBeDefined();
  });

  it('counts every spelling of a name that reaches one account, or nobody, as one', async () => {
    const { create } = triggers({ maxCodes: 1 });
    // Cognito hands the triggers one account's `sub` whatever the spelling typed.
    await create(createEvent([], { ...account('alice', 'sub-1'), userName: 'Alice' }));
    await expect(
      create(createEvent([], { ...account('alice', 'sub-1'), userName: 'ALICE' })),
    ).rejects.toBeInstanceOf(SignInLockedError);
    await create(newSignIn('Mallory', true));
    await expect(create(newSignIn('MALLORY', true))).rejects.toBeInstanceOf(SignInLockedError);
    await expect(create(newSignIn('bob'))).resolves.toBeDefined();
    // In a case-sensitive pool, two spellings of a name nobody has are two names.
    const sensitive = triggers({ maxCodes: 1, caseSensitiveUsernames: true });
    await sensitive.create(newSignIn('Mallory', true));
    await expect(sensitive.create(newSignIn('mallory', true))).resolves.toBeDefined();
  });

  it('counts nothing for a failed CAPTCHA, which guards no secret of the account', async () => {
    const store = createMemoryAttemptStore();
    const { verifyAuthChallengeResponse } = createCustomAuthTriggers({
      steps: [captchaStep({ provider: 'local', siteKey: 'local' }), codeStep()],
      limits: { store, maxWrongAnswers: 1 },
    });
    for (let attempt = 0; attempt < 5; attempt++) {
      const event = await verifyAuthChallengeResponse(
        verifyEvent('not-a-token', { step: '0' }, account('alice')),
      );
      expect(event.response.answerCorrect).toBe(false);
    }
    const key = counterKey('wrong', 'eu-west-1_AbCdEf123', 'sub:sub-alice');
    expect(await store.get(key, Date.now())).toBeUndefined();
  });

  it('counts nothing for a pick of channel, which guesses nothing', async () => {
    const store = createMemoryAttemptStore();
    const options = {
      steps: [codeStep({ deliver: 'choice', sendCode: async () => {} })],
      limits: { store, maxWrongAnswers: 1 },
      decoySendDelayMs: 0,
    };
    const { verifyAuthChallengeResponse } = createCustomAuthTriggers(options);
    for (let pick = 0; pick < 5; pick++) {
      const event = await verifyAuthChallengeResponse(
        verifyEvent('carrier-pigeon', { values: '["email"]', step: '0' }, account('alice')),
      );
      expect(event.response.answerCorrect).toBe(false);
    }
    const key = counterKey('wrong', 'eu-west-1_AbCdEf123', 'sub:sub-alice');
    expect(await store.get(key, Date.now())).toBeUndefined();
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
    const key = counterKey('codes', 'eu-west-1_AbC', 'name:alice@example.com');
    expect(key).toMatch(/^codes#[\w-]{43}$/);
    expect(key.toLowerCase()).not.toContain('alice');
    expect(counterKey('codes', 'eu-west-1_Other', 'name:alice@example.com')).not.toBe(key);
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
