import { describe, expect, it, vi } from 'vitest';
import { captchaStep } from '../../src/challenges/captcha/step.ts';
import { codeStep } from '../../src/challenges/code/step.ts';
import { passkeyEnrollmentStep } from '../../src/challenges/passkey/enrollment-step.ts';
import { createMemoryPasskeyStore } from '../../src/challenges/passkey/server/passkey-store.ts';
import { passkeyStep } from '../../src/challenges/passkey/step.ts';
import { anyOf } from '../../src/triggers/chain/any-of.ts';
import { createCustomAuthTriggers } from '../../src/triggers/chain/custom-auth-triggers.ts';
import type { SendCode } from '../../src/triggers/delivery/send-code.ts';
import { createMemoryAttemptStore } from '../../src/triggers/limits/attempt-store.ts';
import { counterKey } from '../../src/triggers/limits/owner.ts';
import { createEvent, defineEvent, type SessionEntry, verifyEvent } from './events.ts';

const passkeys = { rpId: 'example.com', origins: ['https://app.example.com'] };

/** A sign-in through `anyOf(passkeyStep(), codeStep())`, round by round, as Cognito runs it. */
function signIn(options: { userNotFound?: boolean } = {}) {
  const sendCode = vi.fn<SendCode>(async () => {});
  const limits = createMemoryAttemptStore();
  const triggers = createCustomAuthTriggers({
    steps: [
      anyOf(
        passkeyStep({ ...passkeys, store: createMemoryPasskeyStore() }),
        codeStep({ sendCode, maxAttempts: 2 }),
      ),
    ],
    decoySendDelayMs: 0,
    limits: { store: limits },
  });
  const session: SessionEntry[] = [];
  const user = { userNotFound: options.userNotFound ?? false };
  let round: { public: Record<string, string>; private: Record<string, string>; metadata: string };

  const next = async () => {
    const { response } = await triggers.defineAuthChallenge(defineEvent(session, user));
    if (response.issueTokens) return 'tokens';
    if (response.failAuthentication) return 'fail';
    const created = await triggers.createAuthChallenge(createEvent(session, user));
    round = {
      public: created.response.publicChallengeParameters,
      private: created.response.privateChallengeParameters,
      metadata: created.response.challengeMetadata ?? '',
    };
    return round.public;
  };

  /** Answers the round, then makes the next: Create sees the session alone. */
  const answer = async (value: string) => {
    const { response } = await triggers.verifyAuthChallengeResponse(
      verifyEvent(value, round.private, user),
    );
    session.push({
      challengeName: 'CUSTOM_CHALLENGE',
      challengeResult: response.answerCorrect,
      challengeMetadata: round.metadata,
    });
    return next();
  };
  const code = () => sendCode.mock.calls.at(-1)?.[0].code ?? '';
  const wrongAnswersCounted = async () =>
    (await limits.get(counterKey('wrong', 'eu-west-1_AbCdEf123', `sub:${aliceSub}`), Date.now()))
      ?.count ?? 0;
  return { next, answer, sendCode, code, wrongAnswersCounted };
}

const aliceSub = '6a3f0c1e-2b4d-4e8f-9a7b-1c2d3e4f5a6b';
const another = (index: number) => `another-way:${index}`;

describe('anyOf: one step passed by any of its alternatives', () => {
  it('starts with the first, and says which alternatives there are', async () => {
    const { next, sendCode } = signIn();
    expect(await next()).toMatchObject({
      type: 'passkey',
      alternatives: 'passkey,code',
      alternative: '0',
      attemptsLeft: '3',
      step: '1',
      steps: '1',
    });
    expect(sendCode).not.toHaveBeenCalled();
  });

  it('goes on by the code when asked, counting no wrong answer, and signs in with it', async () => {
    const flow = signIn();
    await flow.next();
    expect(await flow.answer(another(1))).toMatchObject({
      type: 'code',
      alternative: '1',
      attemptsLeft: '2',
      codeLength: '6',
    });
    expect(flow.sendCode).toHaveBeenCalledTimes(1);
    expect(await flow.wrongAnswersCounted()).toBe(0);
    // A wrong code: the same code again, its own attempts counting down.
    expect(await flow.answer('000000')).toMatchObject({ type: 'code', attemptsLeft: '1' });
    expect(flow.sendCode).toHaveBeenCalledTimes(1);
    expect(await flow.wrongAnswersCounted()).toBe(1);
    expect(await flow.answer(flow.code())).toBe('tokens');
  });

  it('hands over to the code once the passkey’s answers are used up, and fails once all are', async () => {
    const flow = signIn();
    await flow.next();
    await flow.answer('{}');
    expect(await flow.answer('{}')).toMatchObject({ type: 'passkey', attemptsLeft: '1' });
    expect(await flow.answer('{}')).toMatchObject({ type: 'code', attemptsLeft: '2' });
    expect(await flow.answer('000000')).toMatchObject({ type: 'code', attemptsLeft: '1' });
    expect(await flow.answer('000000')).toBe('fail');
  });

  it('goes back to the passkey from the code while it has answers left', async () => {
    const flow = signIn();
    await flow.next();
    await flow.answer(another(1));
    expect(await flow.answer(another(0))).toMatchObject({ type: 'passkey', attemptsLeft: '2' });
    // Asking for one that is not there, or in words of its own, changes nothing.
    expect(await flow.answer(another(7))).toMatchObject({ type: 'passkey', attemptsLeft: '1' });
    expect(await flow.answer('another-way:x')).toMatchObject({ type: 'code', attemptsLeft: '1' });
    // The code step starts again: a new code, sent once more.
    expect(flow.sendCode).toHaveBeenCalledTimes(2);
  });

  it('runs the same for a user who does not exist, who never passes', async () => {
    const flow = signIn({ userNotFound: true });
    expect(await flow.next()).toMatchObject({ type: 'passkey', alternatives: 'passkey,code' });
    expect(await flow.answer(another(1))).toMatchObject({ type: 'code', attemptsLeft: '2' });
    expect(flow.sendCode).not.toHaveBeenCalled();
    await flow.answer('123456');
    expect(await flow.answer('123456')).toMatchObject({ type: 'passkey', attemptsLeft: '2' });
    await flow.answer('{}');
    expect(await flow.answer('{}')).toBe('fail');
  });

  it('refuses alternatives that cannot stand alone', () => {
    const store = createMemoryPasskeyStore();
    const captcha = captchaStep({ provider: 'local', siteKey: 'local' });
    expect(() => anyOf(codeStep())).toThrow(/2 to 9 alternatives/);
    expect(() => anyOf(codeStep({ deliver: 'choice' }), captcha)).toThrow(/stand alone/);
    expect(() => anyOf(passkeyEnrollmentStep({ ...passkeys, store }), codeStep())).toThrow(
      /stand alone/,
    );
    // Proving a factor takes every alternative proving one.
    expect(anyOf(codeStep(), captcha).provesFactor).toBe(false);
    expect(anyOf(passkeyStep({ ...passkeys, store }), codeStep()).provesFactor).toBe(true);
  });
});
