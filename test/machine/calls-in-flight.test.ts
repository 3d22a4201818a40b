import { describe, expect, it } from 'vitest';
import type { SignInStep } from '../../src/machine/index.ts';
import { alice, cognitoError, deferred, fakeServices } from '../support/fake-services.ts';
import { atChallenge, settledOn, view } from '../support/machine-harness.ts';

const bob = { username: 'bob', userId: 'bob-sub' };

/** Lets settled promises reach the statechart. */
const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('customAuthMachine: word from other tabs while a call is in flight', () => {
  it('keeps a sign-out running through another tab’s sign-in, and never runs two', async () => {
    const signingOut = deferred<void>();
    const services = fakeServices({
      confirmSignIn: async () => ({ type: 'done', user: alice }),
      signOut: () => signingOut.promise,
    });
    const actor = await atChallenge(services);
    actor.send({ type: 'ANSWER_CHALLENGE', answer: '123456' });
    await settledOn(actor, 'signedIn');

    actor.send({ type: 'SIGN_OUT' });
    services.emitOtherTab(alice);
    await flush();
    expect(view(actor)).toMatchObject({ route: 'signedIn', isPending: true });
    actor.send({ type: 'SIGN_OUT' });
    expect(services.signOut).toHaveBeenCalledTimes(1);

    // Amplify says so on Hub just before its sign-out resolves.
    services.emitSignedOut();
    signingOut.resolve();
    await settledOn(actor, 'signIn');
    expect(view(actor)).toMatchObject({ user: null, error: null });
    expect(services.signOut).toHaveBeenCalledTimes(1);
  });

  it('waits for an answer in flight before following another tab’s sign-in, so a sign-out here comes after it', async () => {
    const answered = deferred<SignInStep>();
    const calls: string[] = [];
    const services = fakeServices({
      confirmSignIn: () => {
        calls.push('confirmSignIn');
        return answered.promise.finally(() => calls.push('confirmSignIn answered'));
      },
      signOut: async () => {
        calls.push('signOut');
      },
    });
    const actor = await atChallenge(services);
    actor.send({ type: 'ANSWER_CHALLENGE', answer: '123456' });
    services.emitOtherTab(bob);
    await flush();
    expect(view(actor)).toMatchObject({ route: 'challenge', isPending: true });
    actor.send({ type: 'SIGN_OUT' });

    answered.resolve({ type: 'done', user: alice });
    await settledOn(actor, 'signedIn');
    expect(view(actor).user).toEqual(alice);
    actor.send({ type: 'SIGN_OUT' });
    await settledOn(actor, 'signIn');
    expect(calls).toEqual(['confirmSignIn', 'confirmSignIn answered', 'signOut']);
  });

  it.each([
    ['a wrong answer', () => cognitoError('CodeMismatchException')],
    [
      'a dead session',
      () => cognitoError('NotAuthorizedException', 'Invalid session for the user.'),
    ],
  ])(
    'follows another tab’s sign-in heard during an answer once %s comes back',
    async (_, error) => {
      const answered = deferred<SignInStep>();
      const services = fakeServices({ confirmSignIn: () => answered.promise });
      const actor = await atChallenge(services);
      actor.send({ type: 'ANSWER_CHALLENGE', answer: '123456' });
      services.emitOtherTab(bob);
      await flush();
      expect(view(actor)).toMatchObject({ route: 'challenge', isPending: true });
      answered.reject(error());
      await settledOn(actor, 'signedIn');
      expect(view(actor)).toMatchObject({ user: bob, challenge: null, error: null });
      expect(services.savePendingChallenge).toHaveBeenLastCalledWith(null);
    },
  );

  it('forgets a sign-in heard during a sign-out here, which ends it', async () => {
    const signingOut = deferred<void>();
    const services = fakeServices({
      confirmSignIn: async () => ({ type: 'done', user: alice }),
      signOut: () => signingOut.promise,
    });
    const actor = await atChallenge(services);
    actor.send({ type: 'ANSWER_CHALLENGE', answer: '123456' });
    await settledOn(actor, 'signedIn');
    actor.send({ type: 'SIGN_OUT' });
    services.emitOtherTab(alice);
    signingOut.resolve();
    await settledOn(actor, 'signIn');
    await flush();
    expect(view(actor)).toMatchObject({ route: 'signIn', user: null });
  });
});
