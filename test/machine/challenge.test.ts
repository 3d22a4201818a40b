import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { challengeStep, cognitoError, fakeServices } from '../support/fake-services.ts';
import { atChallenge, settledOn, view } from '../support/machine-harness.ts';

describe('customAuthMachine: challenge', () => {
  it('stays on a wrong answer: error with attempts left, round up, new parameters', async () => {
    const services = fakeServices({
      confirmSignIn: async () => challengeStep({ attemptsLeft: '2', hint: 'Try the newest code' }),
    });
    const actor = await atChallenge(services);
    actor.send({ type: 'ANSWER_CHALLENGE', answer: '000000' });
    await settledOn(actor, 'challenge');

    const { challenge, error } = view(actor);
    expect(error).toEqual({
      code: 'WrongAnswer',
      attemptsLeft: 2,
    });
    expect(challenge).toMatchObject({
      round: 2,
      hint: 'Try the newest code',
      parameters: { attemptsLeft: '2', hint: 'Try the newest code' },
    });
  });

  it('says a wrong answer plainly when the trigger sends no attempt count', async () => {
    const services = fakeServices({
      signIn: async () => ({ type: 'customChallenge', parameters: { question: '2+2?' } }),
      confirmSignIn: async () => ({ type: 'customChallenge', parameters: { question: '3+3?' } }),
    });
    const actor = await atChallenge(services);
    expect(view(actor).challenge?.hint).toBeNull();
    actor.send({ type: 'ANSWER_CHALLENGE', answer: '5' });
    await settledOn(actor, 'challenge');
    expect(view(actor).error).toEqual({ code: 'WrongAnswer' });
    expect(view(actor).challenge?.parameters).toEqual({ question: '3+3?' });
  });

  it.each([
    ['Incorrect username or password.', 'ChallengeFailed'],
    ['Invalid session for the user.', 'SessionExpired'],
  ])(
    'on NotAuthorizedException (%s) returns to sign in with %s, username kept',
    async (message, code) => {
      const services = fakeServices({
        confirmSignIn: async () => {
          throw cognitoError('NotAuthorizedException', message);
        },
      });
      const actor = await atChallenge(services);
      actor.send({ type: 'ANSWER_CHALLENGE', answer: '000000' });
      await settledOn(actor, 'signIn');
      expect(view(actor)).toMatchObject({ username: 'alice', challenge: null, error: { code } });

      actor.send({ type: 'SIGN_IN', username: 'alice' });
      await settledOn(actor, 'challenge');
      expect(services.signIn).toHaveBeenCalledTimes(2);
      expect(view(actor).error).toBeNull();
    },
  );

  it('stays in the challenge on a network failure, so the user can answer again', async () => {
    const networkFailure = Object.assign(new Error('An unknown error has occurred.'), {
      name: 'Unknown',
      underlyingError: new TypeError('Failed to fetch'),
    });
    const services = fakeServices({
      confirmSignIn: async () => {
        throw networkFailure;
      },
    });
    const actor = await atChallenge(services);
    actor.send({ type: 'ANSWER_CHALLENGE', answer: '123456' });
    await settledOn(actor, 'challenge');
    expect(view(actor).error?.code).toBe('Network');
    expect(view(actor).challenge?.round).toBe(1);
  });

  it('goes back to sign in on request, dropping the challenge', async () => {
    const actor = await atChallenge(fakeServices());
    actor.send({ type: 'GO_TO_SIGN_IN' });
    expect(view(actor)).toMatchObject({ route: 'signIn', challenge: null, username: 'alice' });
  });

  describe('with fake timers', () => {
    beforeEach(() => {
      vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    it('refuses resend during the cooldown, then starts a new sign-in for the same user', async () => {
      const services = fakeServices();
      const actor = await atChallenge(services, { resendCooldownMs: 10_000 });
      const firstAvailableAt = Date.now() + 10_000;
      expect(view(actor).challenge?.resendAvailableAt).toBe(firstAvailableAt);

      actor.send({ type: 'RESEND_CHALLENGE' });
      expect(view(actor).error?.code).toBe('ResendCooldown');
      expect(services.signIn).toHaveBeenCalledTimes(1);

      await vi.advanceTimersByTimeAsync(9_999);
      actor.send({ type: 'RESEND_CHALLENGE' });
      expect(services.signIn).toHaveBeenCalledTimes(1);

      await vi.advanceTimersByTimeAsync(1);
      services.signIn.mockResolvedValueOnce(challengeStep({ hint: 'A new code is on its way' }));
      actor.send({ type: 'RESEND_CHALLENGE' });
      await settledOn(actor, 'challenge');
      expect(services.signIn).toHaveBeenCalledTimes(2);
      expect(services.signIn).toHaveBeenLastCalledWith(services.signIn.mock.calls[0]?.[0]);
      expect(view(actor).challenge).toMatchObject({
        hint: 'A new code is on its way',
        round: 1,
        resendAvailableAt: Date.now() + 10_000,
      });
      expect(view(actor).error).toBeNull();
    });

    it('defaults the resend cooldown to 30 seconds', async () => {
      const actor = await atChallenge(fakeServices());
      expect(view(actor).challenge?.resendAvailableAt).toBe(Date.now() + 30_000);
    });

    it('resends in the password flow with the password given at sign-in', async () => {
      const services = fakeServices();
      const actor = await atChallenge(services, { flow: 'passwordThenCode' });
      await vi.advanceTimersByTimeAsync(30_000);
      actor.send({ type: 'RESEND_CHALLENGE' });
      await settledOn(actor, 'challenge');
      expect(services.signIn).toHaveBeenLastCalledWith({
        username: 'alice',
        password: 'Secret-123',
        flow: 'passwordThenCode',
      });
    });

    it('expires the challenge before Cognito does and says so', async () => {
      const services = fakeServices();
      const actor = await atChallenge(services, {
        sessionValidityMs: 60_000,
        expiryMarginMs: 5_000,
      });
      expect(view(actor).challenge?.expiresAt).toBe(Date.now() + 55_000);

      await vi.advanceTimersByTimeAsync(54_999);
      expect(view(actor).route).toBe('challenge');
      await vi.advanceTimersByTimeAsync(1);
      expect(view(actor)).toMatchObject({
        route: 'challenge',
        challengeExpired: true,
        username: 'alice',
        error: { code: 'SessionExpired' },
      });
    });

    it('defaults the session validity to 3 minutes', async () => {
      const actor = await atChallenge(fakeServices());
      expect(view(actor).challenge?.expiresAt).toBe(Date.now() + 180_000 - 5_000);
      await vi.advanceTimersByTimeAsync(175_000);
      expect(view(actor).error?.code).toBe('SessionExpired');
    });

    it('restarts the expiry clock with each new challenge round', async () => {
      const services = fakeServices({
        confirmSignIn: async () => challengeStep({ attemptsLeft: '2' }),
      });
      const actor = await atChallenge(services, { sessionValidityMs: 60_000, expiryMarginMs: 0 });
      await vi.advanceTimersByTimeAsync(40_000);
      actor.send({ type: 'ANSWER_CHALLENGE', answer: '000000' });
      await settledOn(actor, 'challenge');
      await vi.advanceTimersByTimeAsync(40_000);
      expect(view(actor).challengeExpired).toBe(false);
      await vi.advanceTimersByTimeAsync(20_000);
      expect(view(actor).challengeExpired).toBe(true);
    });
  });
});
