import { describe, expect, it, vi } from 'vitest';
import { alice, challengeStep, cognitoError, fakeServices } from '../support/fake-services.ts';
import { atChallenge, settledOn, startMachine, view } from '../support/machine-harness.ts';

const password = (actor: ReturnType<typeof startMachine>) => actor.getSnapshot().context.password;

describe('customAuthMachine: holes found by random event sequences', () => {
  it('forgets a stored challenge when the start finds the user signed in', async () => {
    let signedIn: typeof alice | null = alice;
    const services = fakeServices({ getCurrentUser: async () => signedIn });
    services.savePendingChallenge({
      username: 'alice',
      challenge: {
        parameters: {},
        round: 1,
        expiresAt: Date.now() + 60_000,
        resendAvailableAt: Date.now(),
      },
    });
    const first = startMachine(services);
    await settledOn(first, 'signedIn');
    expect(await services.loadPendingChallenge()).toBeNull();
    first.send({ type: 'SIGN_OUT' });
    await settledOn(first, 'signIn');
    first.stop();
    signedIn = null;
    const reloaded = startMachine(services);
    await settledOn(reloaded, 'signIn');
    expect(view(reloaded).challenge).toBeNull();
  });

  it.each([
    ['DONE', async () => ({ type: 'done' as const, user: alice }), 'signedIn'],
    ['CONFIRM_SIGN_UP', async () => ({ type: 'confirmSignUp' as const }), 'confirmSignUp'],
    [
      'UserNotConfirmedException',
      async () => {
        throw cognitoError('UserNotConfirmedException');
      },
      'confirmSignUp',
    ],
    [
      'UserAlreadyAuthenticatedException',
      async () => {
        throw cognitoError('UserAlreadyAuthenticatedException');
      },
      'signedIn',
    ],
  ] as const)('takes a resend that answers %s as a sign-in would', async (_, answer, route) => {
    let signIns = 0;
    const services = fakeServices({
      getCurrentUser: async () => (signIns > 1 ? alice : null),
      signIn: async () => {
        signIns += 1;
        return signIns === 1 ? challengeStep() : answer();
      },
    });
    const actor = await atChallenge(services, { resendCooldownMs: 0 });
    actor.send({ type: 'RESEND_CHALLENGE' });
    await settledOn(actor, route);
    expect(view(actor)).toMatchObject({ challenge: null });
    expect(view(actor).error?.code).not.toBe('UnsupportedStep');
    expect(await services.loadPendingChallenge()).toBeNull();
  });

  it('shows no earlier user’s code delivery on a later confirmation screen', async () => {
    const services = fakeServices({
      confirmSignUp: async () => ({ type: 'done' }),
      signIn: async ({ username }) => {
        if (username === 'bob') throw cognitoError('UserNotConfirmedException');
        throw cognitoError('NotAuthorizedException', 'Incorrect username or password.');
      },
      resendSignUpCode: async () => {
        throw cognitoError('LimitExceededException');
      },
    });
    const actor = startMachine(services);
    await settledOn(actor, 'signIn');
    actor.send({ type: 'GO_TO_SIGN_UP' });
    actor.send({ type: 'SIGN_UP', username: 'alice', attributes: { email: 'a@example.com' } });
    await settledOn(actor, 'confirmSignUp');
    expect(view(actor).codeDelivery?.destination).toBe('a***@e***.com');
    actor.send({ type: 'CONFIRM_SIGN_UP', code: '123456' });
    await settledOn(actor, 'signIn');
    expect(view(actor).codeDelivery).toBeNull();
    actor.send({ type: 'SIGN_IN', username: 'bob' });
    await settledOn(actor, 'confirmSignUp');
    expect(view(actor)).toMatchObject({ username: 'bob', codeDelivery: null });
    expect(view(actor).error?.code).toBe('TooManyRequests');
  });

  it('comes back to the sign-in form when Amplify says someone is signed in but no one is, on a start with sign-up first', async () => {
    const services = fakeServices({
      signIn: async () => {
        throw cognitoError(
          'UserAlreadyAuthenticatedException',
          'There is already a signed in user.',
        );
      },
    });
    const actor = startMachine(services, { initialRoute: 'signUp' });
    await settledOn(actor, 'signUp');
    actor.send({ type: 'GO_TO_SIGN_IN' });
    actor.send({ type: 'SIGN_IN', username: 'alice' });
    await settledOn(actor, 'signIn');
    expect(services.getCurrentUser).toHaveBeenCalledTimes(2);
    expect(view(actor)).toMatchObject({ route: 'signIn', username: 'alice' });
    expect(view(actor).error?.serverMessage).toBe('There is already a signed in user.');
  });

  describe('keeps the password only while a password-then-code sign-in is under way', () => {
    const input = { flow: 'passwordThenCode' as const };

    it('drops it when the sign-in fails', async () => {
      const services = fakeServices({
        signIn: async () => {
          throw cognitoError('NotAuthorizedException', 'Incorrect username or password.');
        },
      });
      const actor = startMachine(services, input);
      await settledOn(actor, 'signIn');
      actor.send({ type: 'SIGN_IN', username: 'alice', password: 'Secret-123' });
      await settledOn(actor, 'signIn');
      expect(view(actor).error?.code).toBe('NotAuthorized');
      expect(password(actor)).toBeUndefined();
    });

    it('drops it when Amplify says someone is signed in but no one is, and says so', async () => {
      const services = fakeServices({
        signIn: async () => {
          throw cognitoError(
            'UserAlreadyAuthenticatedException',
            'There is already a signed in user.',
          );
        },
      });
      const actor = startMachine(services, input);
      await settledOn(actor, 'signIn');
      actor.send({ type: 'SIGN_IN', username: 'alice', password: 'Secret-123' });
      await settledOn(actor, 'signIn');
      expect(services.getCurrentUser).toHaveBeenCalledTimes(2);
      expect(password(actor)).toBeUndefined();
      expect(view(actor).error?.serverMessage).toBe('There is already a signed in user.');
    });

    it.each([
      [
        'fails',
        async () => {
          throw cognitoError('UsernameExistsException');
        },
        'signUp',
      ],
      ['ends without a confirmation step', async () => ({ type: 'done' as const }), 'signIn'],
    ] as const)('drops it when a sign-up %s', async (_, signUp, route) => {
      const actor = startMachine(fakeServices({ signUp }), input);
      await settledOn(actor, 'signIn');
      actor.send({ type: 'GO_TO_SIGN_UP' });
      actor.send({ type: 'SIGN_UP', username: 'alice', password: 'Secret-123' });
      await settledOn(actor, route);
      expect(password(actor)).toBeUndefined();
    });
  });

  it('keeps working when a replaced service that stores challenges or listens for sign-outs throws', async () => {
    const services = fakeServices({
      savePendingChallenge: () => {
        throw new Error('storage blocked');
      },
      listenForSignOut: () => {
        throw new Error('no Hub');
      },
      confirmSignIn: async () => ({ type: 'done', user: alice }),
    });
    const actor = await atChallenge(services);
    actor.send({ type: 'ANSWER_CHALLENGE', answer: '123456' });
    await settledOn(actor, 'signedIn');
    actor.send({ type: 'SIGN_OUT' });
    await settledOn(actor, 'signIn');
    expect(actor.getSnapshot().status).toBe('active');
  });

  it.each([
    ['listening for sign-outs', 'listenForSignOut'],
    ['listening for other tabs', 'listenForOtherTabs'],
  ] as const)('unsubscribes the other listener on stop when %s throws', async (_, failing) => {
    const unsubscribed = vi.fn();
    const listening = failing === 'listenForSignOut' ? 'listenForOtherTabs' : 'listenForSignOut';
    const services = fakeServices({
      [failing]: () => {
        throw new Error('cannot listen');
      },
      [listening]: () => unsubscribed,
    });
    const actor = startMachine(services);
    await settledOn(actor, 'signIn');
    actor.stop();
    expect(unsubscribed).toHaveBeenCalledTimes(1);
  });

  it('stops cleanly when a replaced unsubscribe throws', async () => {
    const unsubscribed = vi.fn();
    const services = fakeServices({
      listenForOtherTabs: () => () => {
        throw new Error('already gone');
      },
      listenForSignOut: () => unsubscribed,
    });
    const actor = startMachine(services);
    await settledOn(actor, 'signIn');
    actor.stop();
    expect(unsubscribed).toHaveBeenCalledTimes(1);
    expect(actor.getSnapshot().status).toBe('stopped');
  });
});
