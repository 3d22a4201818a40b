import { describe, expect, it } from 'vitest';
import {
  alice,
  challengeStep,
  cognitoError,
  deferred,
  fakeServices,
} from '../support/fake-services.ts';
import { atChallenge, settledOn, startMachine, view } from '../support/machine-harness.ts';

describe('customAuthMachine: sign-in', () => {
  it('goes straight to signedIn when a user is already signed in, without signing in', async () => {
    const services = fakeServices({ getCurrentUser: async () => alice });
    const actor = startMachine(services);
    await settledOn(actor, 'signedIn');
    expect(actor.getSnapshot().matches({ signedIn: 'idle' })).toBe(true);
    expect(view(actor).user).toEqual(alice);
    expect(services.signIn).not.toHaveBeenCalled();
  });

  it('signs in passwordless: username, challenge with every public parameter, answer', async () => {
    const services = fakeServices({
      signIn: async () => challengeStep({ destination: 'a***@e***.com', codeLength: '6' }),
    });
    const actor = startMachine(services);
    await settledOn(actor, 'signIn');
    actor.send({ type: 'SIGN_IN', username: '  alice ', password: 'ignored' });
    await settledOn(actor, 'challenge');

    expect(services.signIn).toHaveBeenCalledWith({
      username: 'alice',
      password: undefined,
      flow: 'passwordless',
    });
    const { challenge, username } = view(actor);
    expect(username).toBe('alice');
    expect(challenge).toMatchObject({
      hint: 'Enter the 6-digit code we emailed you.',
      round: 1,
      parameters: {
        hint: 'Enter the 6-digit code we emailed you.',
        attemptsLeft: '3',
        destination: 'a***@e***.com',
        codeLength: '6',
      },
    });

    actor.send({ type: 'ANSWER_CHALLENGE', answer: ' 123456 ' });
    await settledOn(actor, 'signedIn');
    expect(services.confirmSignIn).toHaveBeenCalledWith('123456');
    expect(view(actor)).toMatchObject({ user: alice, challenge: null, error: null });
  });

  it('signs in with password then code, and forgets the password once signed in', async () => {
    const services = fakeServices();
    const actor = startMachine(services, { flow: 'passwordThenCode' });
    await settledOn(actor, 'signIn');

    actor.send({ type: 'SIGN_IN', username: 'alice' });
    expect(view(actor).error?.code).toBe('EmptyPassword');
    expect(services.signIn).not.toHaveBeenCalled();

    actor.send({ type: 'SIGN_IN', username: 'alice', password: 'Secret-123' });
    await settledOn(actor, 'challenge');
    expect(services.signIn).toHaveBeenCalledWith({
      username: 'alice',
      password: 'Secret-123',
      flow: 'passwordThenCode',
    });
    expect(view(actor).error).toBeNull();

    actor.send({ type: 'ANSWER_CHALLENGE', answer: '123456' });
    await settledOn(actor, 'signedIn');
    expect(actor.getSnapshot().context.password).toBeUndefined();
  });

  it('treats UserAlreadyAuthenticatedException as signed in, not as an error', async () => {
    const services = fakeServices({
      signIn: async () => {
        throw cognitoError(
          'UserAlreadyAuthenticatedException',
          'There is already a signed in user.',
        );
      },
    });
    services.getCurrentUser.mockResolvedValueOnce(null).mockResolvedValueOnce(alice);
    const actor = startMachine(services);
    await settledOn(actor, 'signIn');
    actor.send({ type: 'SIGN_IN', username: 'alice' });
    await settledOn(actor, 'signedIn');
    expect(view(actor)).toMatchObject({ user: alice, error: null });
  });

  it('keeps the username and reports a Cognito error from sign-in', async () => {
    const services = fakeServices({
      signIn: async () => {
        throw cognitoError('TooManyRequestsException');
      },
    });
    const actor = startMachine(services);
    await settledOn(actor, 'signIn');
    actor.send({ type: 'SIGN_IN', username: 'alice' });
    await settledOn(actor, 'signIn');
    expect(view(actor)).toMatchObject({ username: 'alice', error: { code: 'TooManyRequests' } });
  });

  it('reports a sign-in step it does not handle instead of hanging', async () => {
    const services = fakeServices({
      signIn: async () => ({ type: 'unsupported', signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' }),
    });
    const actor = startMachine(services);
    await settledOn(actor, 'signIn');
    actor.send({ type: 'SIGN_IN', username: 'alice' });
    await settledOn(actor, 'signIn');
    expect(view(actor).error?.code).toBe('UnsupportedStep');
  });

  it('ignores a second submit while the first is pending: one backend call', async () => {
    const signIn = deferred<Awaited<ReturnType<typeof challengeStep>>>();
    const services = fakeServices({ signIn: () => signIn.promise });
    const actor = startMachine(services);
    await settledOn(actor, 'signIn');
    actor.send({ type: 'SIGN_IN', username: 'alice' });
    actor.send({ type: 'SIGN_IN', username: 'alice' });
    actor.send({ type: 'SIGN_IN', username: 'bob' });
    expect(view(actor).isPending).toBe(true);
    signIn.resolve(challengeStep());
    await settledOn(actor, 'challenge');
    expect(services.signIn).toHaveBeenCalledTimes(1);

    const answer = deferred<Awaited<ReturnType<typeof challengeStep>>>();
    services.confirmSignIn.mockImplementation(() => answer.promise);
    actor.send({ type: 'ANSWER_CHALLENGE', answer: '111111' });
    actor.send({ type: 'ANSWER_CHALLENGE', answer: '111111' });
    answer.resolve({ type: 'done', user: alice });
    await settledOn(actor, 'signedIn');
    expect(services.confirmSignIn).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['', 'EmptyUsername'],
    ['   ', 'EmptyUsername'],
    ['a'.repeat(129), 'InputTooLong'],
  ])('refuses username %j with %s before any request', async (username, code) => {
    const services = fakeServices();
    const actor = startMachine(services);
    await settledOn(actor, 'signIn');
    actor.send({ type: 'SIGN_IN', username });
    expect(view(actor)).toMatchObject({ route: 'signIn', isPending: false, error: { code } });
    expect(services.signIn).not.toHaveBeenCalled();
  });

  it.each([
    ['', 'EmptyAnswer'],
    [' \t ', 'EmptyAnswer'],
    ['1'.repeat(2049), 'InputTooLong'],
  ])('refuses answer %j with %s before any request', async (answer, code) => {
    const services = fakeServices();
    const actor = await atChallenge(services);
    actor.send({ type: 'ANSWER_CHALLENGE', answer });
    expect(view(actor)).toMatchObject({ route: 'challenge', error: { code } });
    expect(services.confirmSignIn).not.toHaveBeenCalled();
  });
});
