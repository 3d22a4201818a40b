import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CustomAuthServices, SignInStep } from '../../src/machine/index.ts';
import { never } from '../support/fake-backend.ts';
import {
  alice,
  challengeStep,
  deferred,
  type FakeServices,
  fakeServices,
} from '../support/fake-services.ts';
import {
  atChallenge,
  type MachineActor,
  settledOn,
  startMachine,
  view,
} from '../support/machine-harness.ts';

const network = { code: 'Network' };

/** Lets settled promises reach the statechart without moving the fake clock. */
const flush = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => vi.useRealTimers());

async function signingIn(services: FakeServices, input = {}) {
  const actor = startMachine(services, { flow: 'passwordThenCode', ...input });
  await settledOn(actor, 'signIn');
  actor.send({ type: 'SIGN_IN', username: 'alice', password: 'Secret-123' });
  await flush();
  return actor;
}

describe('customAuthMachine: a call that does not answer', () => {
  it('turns into the Network error on the same form after 15 s, password forgotten', async () => {
    const services = fakeServices({ signIn: never });
    const actor = await signingIn(services);

    await vi.advanceTimersByTimeAsync(14_999);
    expect(view(actor)).toMatchObject({ route: 'signIn', isPending: true, error: null });
    await vi.advanceTimersByTimeAsync(1);
    expect(view(actor)).toMatchObject({ route: 'signIn', isPending: false, error: network });
    expect(actor.getSnapshot().context.password).toBeUndefined();
  });

  it('waits as long as `callTimeoutMs` says', async () => {
    const services = fakeServices({ signIn: never });
    const actor = await signingIn(services, { callTimeoutMs: 60_000 });
    await vi.advanceTimersByTimeAsync(59_999);
    expect(view(actor).isPending).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(view(actor)).toMatchObject({ isPending: false, error: network });
  });

  it.each<[string, Partial<CustomAuthServices>, (actor: MachineActor) => void, string]>([
    [
      'an answer',
      { confirmSignIn: never },
      (actor) => actor.send({ type: 'ANSWER_CHALLENGE', answer: '123456' }),
      'challenge',
    ],
    ['a resend', {}, (actor) => actor.send({ type: 'RESEND_CHALLENGE' }), 'challenge'],
  ])('gives up on %s and stays on the challenge, saying so', async (_, overrides, act, route) => {
    const services = fakeServices(overrides);
    const actor = await atChallenge(services);
    services.signIn.mockImplementation(never);
    // Past the resend's cooldown.
    await vi.advanceTimersByTimeAsync(31_000);
    act(actor);
    await vi.advanceTimersByTimeAsync(31_000);
    expect(view(actor)).toMatchObject({ route, isPending: false, error: network });
    expect(view(actor).challenge).not.toBeNull();
  });

  it.each<[string, Partial<CustomAuthServices>, string]>([
    ['a sign-up', { signUp: never }, 'signUp'],
    ['a confirmation', { confirmSignUp: never }, 'confirmSignUp'],
    ['a code resent', { resendSignUpCode: never }, 'confirmSignUp'],
    ['an automatic sign-in', { autoSignIn: never }, 'signIn'],
  ])('gives up on %s, saying so on its screen', async (what, overrides, route) => {
    const services = fakeServices({
      signUp: async () => ({ type: 'confirmSignUp', codeDelivery: {} }),
      confirmSignUp: async () => ({ type: 'autoSignIn' }),
      ...overrides,
    });
    const actor = startMachine(services);
    await settledOn(actor, 'signIn');
    actor.send({ type: 'GO_TO_SIGN_UP' });
    actor.send({ type: 'SIGN_UP', username: 'alice' });
    await flush();
    if (what === 'a code resent') actor.send({ type: 'RESEND_SIGN_UP_CODE' });
    else if (what !== 'a sign-up') actor.send({ type: 'CONFIRM_SIGN_UP', code: '123456' });
    await flush();
    expect(view(actor).isPending).toBe(true);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(view(actor)).toMatchObject({ route, isPending: false, error: network });
  });

  it('gives up on a sign-out, and a later answer of it still signs out', async () => {
    const signingOut = deferred<void>();
    const services = fakeServices({ signOut: () => signingOut.promise });
    const actor = await atChallenge(services);
    actor.send({ type: 'ANSWER_CHALLENGE', answer: '123456' });
    await settledOn(actor, 'signedIn');
    actor.send({ type: 'SIGN_OUT' });
    await vi.advanceTimersByTimeAsync(15_000);
    expect(view(actor)).toMatchObject({ route: 'signedIn', isPending: false, error: network });

    services.emitSignedOut();
    signingOut.resolve();
    await flush();
    expect(view(actor)).toMatchObject({ route: 'signIn', user: null });
  });

  it('gives up on the session check at start with the Network error on sign-in', async () => {
    const services = fakeServices({ getCurrentUser: never, mayResume: () => true });
    const actor = startMachine(services);
    expect(view(actor)).toMatchObject({ route: 'initializing', isPending: true });
    await vi.advanceTimersByTimeAsync(15_000);
    expect(view(actor)).toMatchObject({ route: 'signIn', isPending: false, error: network });
  });
});

describe('customAuthMachine: the call after one it gave up on', () => {
  it('is made once the dropped call has answered, so that Amplify keeps the newer sign-in', async () => {
    const dropped = deferred<SignInStep>();
    const services = fakeServices({ signIn: () => dropped.promise });
    const actor = await signingIn(services);
    await vi.advanceTimersByTimeAsync(15_000);

    services.signIn.mockImplementation(async () => challengeStep());
    actor.send({ type: 'SIGN_IN', username: 'alice', password: 'Secret-123' });
    await flush();
    expect(view(actor).isPending).toBe(true);
    expect(services.signIn).toHaveBeenCalledTimes(1);

    dropped.resolve(challengeStep({ hint: 'the dropped one' }));
    await flush();
    expect(services.signIn).toHaveBeenCalledTimes(2);
    expect(view(actor)).toMatchObject({ route: 'challenge', error: null });
    expect(view(actor).challenge?.hint).not.toBe('the dropped one');
  });

  it('is never made when given up on before its turn', async () => {
    const dropped = deferred<SignInStep>();
    const services = fakeServices({ signIn: () => dropped.promise });
    const actor = await signingIn(services);
    await vi.advanceTimersByTimeAsync(15_000);
    actor.send({ type: 'SIGN_IN', username: 'alice', password: 'Secret-123' });
    await vi.advanceTimersByTimeAsync(15_000);
    expect(view(actor)).toMatchObject({ isPending: false, error: network });

    dropped.reject(new Error('late'));
    await flush();
    expect(services.signIn).toHaveBeenCalledTimes(1);
  });

  it('undoes a sign-in the dropped call completed, before anything else', async () => {
    const dropped = deferred<SignInStep>();
    const calls: string[] = [];
    const services = fakeServices({
      confirmSignIn: () => dropped.promise,
      signOut: async () => {
        calls.push('signOut');
      },
    });
    const actor = await atChallenge(services);
    services.signIn.mockImplementation(async () => {
      calls.push('signIn');
      return challengeStep();
    });
    await vi.advanceTimersByTimeAsync(31_000);
    actor.send({ type: 'ANSWER_CHALLENGE', answer: '123456' });
    await vi.advanceTimersByTimeAsync(15_000);
    actor.send({ type: 'RESEND_CHALLENGE' });

    dropped.resolve({ type: 'done', user: alice });
    await flush();
    expect(calls).toEqual(['signOut', 'signIn']);
    expect(view(actor)).toMatchObject({ route: 'challenge', user: null, isPending: false });
  });

  it('leaves a sign-in be when the whole statechart stopped (an unmount), as before', async () => {
    const answered = deferred<SignInStep>();
    const services = fakeServices({ confirmSignIn: () => answered.promise });
    const actor = await atChallenge(services);
    actor.send({ type: 'ANSWER_CHALLENGE', answer: '123456' });
    actor.stop();
    answered.resolve({ type: 'done', user: alice });
    await flush();
    expect(services.signOut).not.toHaveBeenCalled();
  });
});

describe('customAuthMachine: "Not you?" while the challenge waits on a call', () => {
  const cancelWhile = async (overrides: Partial<CustomAuthServices>, act: string) => {
    const late = deferred<SignInStep>();
    const services = fakeServices({ ...overrides });
    const actor = await atChallenge(services);
    await vi.advanceTimersByTimeAsync(31_000);
    services.confirmSignIn.mockImplementation(() => late.promise);
    services.signIn.mockImplementation(() => late.promise);
    actor.send(
      act === 'answer'
        ? { type: 'ANSWER_CHALLENGE', answer: '123456' }
        : { type: 'RESEND_CHALLENGE' },
    );
    await flush();
    expect(view(actor).isPending).toBe(true);
    actor.send({ type: 'GO_TO_SIGN_IN' });
    expect(view(actor)).toMatchObject({
      route: 'signIn',
      isPending: false,
      error: null,
      challenge: null,
    });
    return { actor, services, late };
  };

  it.each(['answer', 'resend'])(
    'goes back to sign-in during %s, and its late challenge is neither shown nor stored',
    async (act) => {
      const { actor, services, late } = await cancelWhile({}, act);
      services.savePendingChallenge.mockClear();
      late.resolve(challengeStep());
      await flush();
      expect(view(actor)).toMatchObject({ route: 'signIn', challenge: null });
      expect(services.savePendingChallenge).not.toHaveBeenCalledWith(
        expect.objectContaining({ username: 'alice' }),
      );
    },
  );

  it('undoes a sign-in the cancelled answer completes late, before the next sign-in', async () => {
    const { actor, services, late } = await cancelWhile({}, 'answer');
    const calls: string[] = [];
    services.signOut.mockImplementation(async () => {
      calls.push('signOut');
    });
    services.signIn.mockImplementation(async () => {
      calls.push('signIn');
      return challengeStep();
    });
    actor.send({ type: 'SIGN_IN', username: 'bob' });
    await flush();
    expect(calls).toEqual([]);
    late.resolve({ type: 'done', user: alice });
    await flush();
    expect(calls).toEqual(['signOut', 'signIn']);
    expect(view(actor)).toMatchObject({ route: 'challenge', username: 'bob', user: null });
  });

  it('goes back to sign-in while a sign-in link is being answered', async () => {
    const services = fakeServices({
      answerOnClient: never,
      signIn: async () => challengeStep({ type: 'magicLink' }),
    });
    const actor = startMachine(services);
    await settledOn(actor, 'signIn');
    actor.send({ type: 'SIGN_IN', username: 'alice' });
    await flush();
    expect(view(actor)).toMatchObject({ route: 'challenge', isPending: true });
    actor.send({ type: 'GO_TO_SIGN_IN' });
    expect(view(actor)).toMatchObject({ route: 'signIn', isPending: false, error: null });
  });
});
