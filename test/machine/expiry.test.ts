import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { alice, challengeStep, cognitoError, fakeServices } from '../support/fake-services.ts';
import { atChallenge, settledOn, startMachine, view } from '../support/machine-harness.ts';

const timing = { sessionValidityMs: 60_000, expiryMarginMs: 0 };

describe('customAuthMachine: a challenge that runs out of time', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
  });
  afterEach(() => vi.useRealTimers());

  it('stays on the challenge, expired, and takes no answer', async () => {
    const services = fakeServices();
    const actor = await atChallenge(services, timing);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(actor.getSnapshot().matches({ challenge: 'expired' })).toBe(true);
    expect(view(actor)).toMatchObject({
      route: 'challenge',
      challengeExpired: true,
      username: 'alice',
      error: { code: 'SessionExpired' },
    });
    actor.send({ type: 'ANSWER_CHALLENGE', answer: '123456' });
    expect(services.confirmSignIn).not.toHaveBeenCalled();
    expect(actor.getSnapshot().matches({ challenge: 'expired' })).toBe(true);
  });

  it('starts the sign-in again for the same user on a resend', async () => {
    const services = fakeServices();
    const actor = await atChallenge(services, timing);
    await vi.advanceTimersByTimeAsync(60_000);
    services.signIn.mockResolvedValueOnce(challengeStep({ hint: 'A new code' }));
    actor.send({ type: 'RESEND_CHALLENGE' });
    await settledOn(actor, 'challenge');
    expect(services.signIn).toHaveBeenCalledTimes(2);
    expect(services.signIn).toHaveBeenLastCalledWith(services.signIn.mock.calls[0]?.[0]);
    expect(view(actor)).toMatchObject({
      challengeExpired: false,
      error: null,
      challenge: { hint: 'A new code', round: 1, expiresAt: Date.now() + 60_000 },
    });
  });

  it('stays expired, saying why, when the new start fails', async () => {
    const services = fakeServices();
    const actor = await atChallenge(services, timing);
    await vi.advanceTimersByTimeAsync(60_000);
    services.signIn.mockRejectedValueOnce(cognitoError('LimitExceededException'));
    actor.send({ type: 'RESEND_CHALLENGE' });
    await settledOn(actor, 'challenge');
    expect(view(actor)).toMatchObject({
      challengeExpired: true,
      error: { code: 'TooManyRequests' },
    });
  });

  it('follows a sign-in elsewhere that was noted while its new start hung', async () => {
    const services = fakeServices();
    const actor = await atChallenge(services, timing);
    await vi.advanceTimersByTimeAsync(60_000);
    services.signIn.mockImplementationOnce(() => new Promise(() => {}));
    actor.send({ type: 'RESEND_CHALLENGE' });
    actor.send({ type: 'SIGNED_IN', user: alice });
    // The new start gives up (callTimeoutMs) back on the expired screen, which follows the
    // sign-in it noted, as every screen a call ends on does.
    await vi.advanceTimersByTimeAsync(15_000);
    expect(view(actor)).toMatchObject({ route: 'signedIn', user: alice });
  });

  it('goes back to sign in on request, username kept', async () => {
    const actor = await atChallenge(fakeServices(), timing);
    await vi.advanceTimersByTimeAsync(60_000);
    actor.send({ type: 'GO_TO_SIGN_IN' });
    expect(view(actor)).toMatchObject({
      route: 'signIn',
      username: 'alice',
      challenge: null,
      challengeExpired: false,
      error: null,
    });
  });

  it('sends a resumed password-then-code sign-in to the form for its password', async () => {
    const services = fakeServices({
      loadPendingChallenge: async () => ({
        username: 'alice',
        challenge: {
          parameters: { codeLength: '6' },
          round: 1,
          expiresAt: Date.now() + 10_000,
          resendAvailableAt: 0,
        },
      }),
    });
    const actor = startMachine(services, { flow: 'passwordThenCode' });
    await settledOn(actor, 'challenge');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(view(actor).challengeExpired).toBe(true);
    actor.send({ type: 'RESEND_CHALLENGE' });
    expect(view(actor)).toMatchObject({ route: 'signIn', error: { code: 'EmptyPassword' } });
    expect(services.signIn).not.toHaveBeenCalled();
  });
});
