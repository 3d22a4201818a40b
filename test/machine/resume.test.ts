import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parsePendingChallenge } from '../../src/machine/pending-challenge.ts';
import { challengeStep, cognitoError, fakeServices } from '../support/fake-services.ts';
import { atChallenge, settledOn, startMachine, view } from '../support/machine-harness.ts';

describe('customAuthMachine: resuming a challenge after a reload', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps the open challenge while it is open, and forgets it when it closes', async () => {
    const services = fakeServices({
      confirmSignIn: async () => challengeStep({ attemptsLeft: '2' }),
    });
    const actor = await atChallenge(services);
    expect(services.savePendingChallenge).toHaveBeenLastCalledWith({
      username: 'alice',
      challenge: view(actor).challenge,
    });
    actor.send({ type: 'ANSWER_CHALLENGE', answer: '000000' });
    await settledOn(actor, 'challenge');
    expect(services.savePendingChallenge).toHaveBeenLastCalledWith(
      expect.objectContaining({ challenge: expect.objectContaining({ round: 2 }) }),
    );
    actor.send({ type: 'GO_TO_SIGN_IN' });
    expect(services.savePendingChallenge).toHaveBeenLastCalledWith(null);
  });

  it('comes back to the same challenge in a new page, and finishes it', async () => {
    const first = fakeServices();
    const before = await atChallenge(first);
    const saved = first.savePendingChallenge.mock.lastCall?.[0] ?? null;
    before.stop();

    const services = fakeServices({ loadPendingChallenge: async () => saved });
    const actor = startMachine(services);
    await settledOn(actor, 'challenge');
    expect(view(actor)).toMatchObject({ username: 'alice', challenge: saved?.challenge });
    expect(services.signIn).not.toHaveBeenCalled();
    actor.send({ type: 'ANSWER_CHALLENGE', answer: '123456' });
    await settledOn(actor, 'signedIn');
  });

  it('asks for the password again before a resend in the password flow after a reload', async () => {
    const saved = {
      username: 'alice',
      challenge: {
        hint: null,
        parameters: {},
        round: 1,
        expiresAt: Date.now() + 60_000,
        resendAvailableAt: 0,
      },
    };
    const services = fakeServices({ loadPendingChallenge: async () => saved });
    const actor = startMachine(services, { flow: 'passwordThenCode' });
    await settledOn(actor, 'challenge');
    actor.send({ type: 'RESEND_CHALLENGE' });
    expect(view(actor)).toMatchObject({
      route: 'signIn',
      username: 'alice',
      error: { code: 'EmptyPassword' },
    });
    expect(services.signIn).not.toHaveBeenCalled();
  });

  it('starts at sign-in when storage fails', async () => {
    const services = fakeServices({
      loadPendingChallenge: async () => {
        throw cognitoError('SecurityError');
      },
    });
    const actor = startMachine(services);
    await settledOn(actor, 'signIn');
    expect(view(actor).error).toBeNull();
  });
});

describe('parsePendingChallenge', () => {
  const valid = {
    username: 'alice',
    challenge: {
      parameters: { a: 'b' },
      round: 1,
      expiresAt: 2_000,
      resendAvailableAt: 0,
    },
  };

  it('reads back a stored challenge, and only what it is made of', () => {
    expect(parsePendingChallenge(JSON.stringify(valid), 1_000)).toEqual(valid);
    const withMore = { ...valid, challenge: { ...valid.challenge, hint: 'stale', type: 'code' } };
    expect(parsePendingChallenge(JSON.stringify(withMore), 1_000)).toEqual(valid);
  });

  it.each([
    ['nothing', null],
    ['broken JSON', '{'],
    ['an expired challenge', JSON.stringify(valid)],
    ['no username', JSON.stringify({ ...valid, username: '' })],
    [
      'non-string parameters',
      JSON.stringify({ ...valid, challenge: { ...valid.challenge, parameters: { a: 1 } } }),
    ],
    [
      'a missing round',
      JSON.stringify({ ...valid, challenge: { ...valid.challenge, round: undefined } }),
    ],
  ])('ignores %s', (_, text) => {
    expect(parsePendingChallenge(text, 5_000)).toBeNull();
  });
});
