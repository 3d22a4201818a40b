import { describe, expect, it } from 'vitest';
import type { CustomAuthFlow } from '../../src/machine/index.ts';
import { alice, cognitoError, fakeServices, rightCode } from '../support/fake-services.ts';
import { settledOn, startMachine, view } from '../support/machine-harness.ts';

async function atSignUp(services = fakeServices(), flow: CustomAuthFlow = 'passwordless') {
  const actor = startMachine(services, { flow });
  await settledOn(actor, 'signIn');
  actor.send({ type: 'GO_TO_SIGN_UP' });
  return actor;
}

describe('customAuthMachine: sign-up and confirmation', () => {
  it('signs up, confirms with the code, then signs in automatically into the challenge', async () => {
    const services = fakeServices();
    const actor = await atSignUp(services);
    expect(view(actor).route).toBe('signUp');

    actor.send({
      type: 'SIGN_UP',
      username: ' alice ',
      attributes: { email: 'alice@example.com' },
    });
    await settledOn(actor, 'confirmSignUp');
    expect(view(actor).codeDelivery).toEqual({
      destination: 'a***@e***.com',
      deliveryMedium: 'EMAIL',
      attributeName: 'email',
    });
    const request = services.signUp.mock.calls[0]?.[0];
    expect(request).toMatchObject({
      username: 'alice',
      attributes: { email: 'alice@example.com' },
      flow: 'passwordless',
    });
    // The sign-up service makes the password nobody types.
    expect(request?.password).toBeUndefined();

    actor.send({ type: 'CONFIRM_SIGN_UP', code: ' 123456 ' });
    await settledOn(actor, 'challenge');
    expect(services.confirmSignUp).toHaveBeenCalledWith({ username: 'alice', code: '123456' });
    expect(services.autoSignIn).toHaveBeenCalledTimes(1);
    expect(view(actor).challenge?.round).toBe(1);
  });

  it('uses the password the user chose in the password flow', async () => {
    const services = fakeServices();
    const actor = await atSignUp(services, 'passwordThenCode');
    actor.send({ type: 'SIGN_UP', username: 'alice', attributes: { email: 'a@example.com' } });
    expect(view(actor).error?.code).toBe('EmptyPassword');
    expect(services.signUp).not.toHaveBeenCalled();

    actor.send({ type: 'SIGN_UP', username: 'alice', password: 'Chosen-Pass-1' });
    await settledOn(actor, 'confirmSignUp');
    expect(services.signUp.mock.calls[0]?.[0].password).toBe('Chosen-Pass-1');
  });

  it('stays on a wrong code, resends, and says when a code has expired', async () => {
    const services = fakeServices();
    const actor = await atSignUp(services);
    actor.send({ type: 'SIGN_UP', username: 'alice', attributes: { email: 'a@example.com' } });
    await settledOn(actor, 'confirmSignUp');

    services.confirmSignUp.mockRejectedValueOnce(cognitoError('CodeMismatchException'));
    actor.send({ type: 'CONFIRM_SIGN_UP', code: '000000' });
    await settledOn(actor, 'confirmSignUp');
    expect(view(actor).error).toEqual({ code: 'CodeMismatch' });

    services.resendSignUpCode.mockResolvedValueOnce({
      destination: '+*******0100',
      deliveryMedium: 'SMS',
    });
    actor.send({ type: 'RESEND_SIGN_UP_CODE' });
    await settledOn(actor, 'confirmSignUp');
    expect(services.resendSignUpCode).toHaveBeenCalledWith('alice');
    expect(view(actor)).toMatchObject({ error: null, codeDelivery: { deliveryMedium: 'SMS' } });

    services.confirmSignUp.mockRejectedValueOnce(cognitoError('ExpiredCodeException'));
    actor.send({ type: 'CONFIRM_SIGN_UP', code: '111111' });
    await settledOn(actor, 'confirmSignUp');
    expect(view(actor).error?.code).toBe('ExpiredCode');

    actor.send({ type: 'CONFIRM_SIGN_UP', code: '  ' });
    expect(view(actor).error?.code).toBe('EmptyCode');
    expect(services.confirmSignUp).toHaveBeenCalledTimes(2);
  });

  it('reports UsernameExistsException and stays on the form', async () => {
    const services = fakeServices({
      signUp: async () => {
        throw cognitoError('UsernameExistsException', 'User already exists');
      },
    });
    const actor = await atSignUp(services);
    actor.send({ type: 'SIGN_UP', username: 'alice' });
    await settledOn(actor, 'signUp');
    expect(view(actor).error?.code).toBe('UsernameExists');
  });

  it('reports Cognito’s password policy refusal as InvalidPassword, without its English', async () => {
    const message = 'Password did not conform with policy: Password not long enough';
    const services = fakeServices({
      signUp: async () => {
        throw cognitoError('InvalidPasswordException', message);
      },
    });
    const actor = await atSignUp(services, 'passwordThenCode');
    actor.send({ type: 'SIGN_UP', username: 'alice', password: 'short' });
    await settledOn(actor, 'signUp');
    expect(view(actor).error).toEqual({ code: 'InvalidPassword' });
  });

  it('signs in automatically when the pool confirms users by itself', async () => {
    const services = fakeServices({ signUp: async () => ({ type: 'autoSignIn' }) });
    const actor = await atSignUp(services);
    actor.send({ type: 'SIGN_UP', username: 'alice' });
    await settledOn(actor, 'challenge');
    expect(services.autoSignIn).toHaveBeenCalledTimes(1);
  });

  it('moves between sign in and sign up without losing the flow', async () => {
    const actor = await atSignUp();
    actor.send({ type: 'GO_TO_SIGN_IN' });
    expect(view(actor).route).toBe('signIn');
    actor.send({ type: 'GO_TO_SIGN_UP' });
    expect(view(actor).route).toBe('signUp');
  });

  it.each([
    ['a confirm-sign-up step', { signIn: async () => ({ type: 'confirmSignUp' as const }) }],
    [
      'UserNotConfirmedException',
      {
        signIn: async () => {
          throw cognitoError('UserNotConfirmedException');
        },
      },
    ],
  ])(
    'sends an unconfirmed user (%s) to confirmation with a fresh code, then signs in',
    async (_, overrides) => {
      const services = fakeServices(overrides);
      services.confirmSignUp.mockResolvedValue({ type: 'done' });
      const actor = startMachine(services);
      await settledOn(actor, 'signIn');
      actor.send({ type: 'SIGN_IN', username: 'alice' });
      await settledOn(actor, 'confirmSignUp');
      expect(services.resendSignUpCode).toHaveBeenCalledWith('alice');
      expect(view(actor).codeDelivery?.destination).toBe('a***@e***.com');

      services.signIn.mockResolvedValueOnce({ type: 'done', user: alice });
      actor.send({ type: 'CONFIRM_SIGN_UP', code: '123456' });
      await settledOn(actor, 'signedIn');
      expect(services.signIn).toHaveBeenCalledTimes(2);
      expect(services.autoSignIn).not.toHaveBeenCalled();
    },
  );
});

describe('customAuthMachine: sign-out', () => {
  it('signs out to the sign-in screen', async () => {
    const services = fakeServices({ getCurrentUser: async () => alice });
    const actor = startMachine(services);
    await settledOn(actor, 'signedIn');
    actor.send({ type: 'SIGN_OUT' });
    await settledOn(actor, 'signIn');
    expect(services.signOut).toHaveBeenCalledTimes(1);
    expect(view(actor).user).toBeNull();
  });

  it('follows a sign-out from elsewhere (Hub signedOut), and stops listening when stopped', async () => {
    const services = fakeServices({ getCurrentUser: async () => alice });
    const actor = startMachine(services);
    await settledOn(actor, 'signedIn');
    services.emitSignedOut();
    expect(view(actor)).toMatchObject({ route: 'signIn', user: null });
    expect(services.signOut).not.toHaveBeenCalled();
    actor.stop();
    const unsubscribe = services.listenForSignOut.mock.results[0]?.value as () => boolean;
    expect(unsubscribe()).toBe(false);
  });

  it('stays signed in with an error when sign-out fails', async () => {
    const services = fakeServices({
      getCurrentUser: async () => alice,
      signOut: async () => {
        throw cognitoError('NetworkError', 'A network error has occurred.');
      },
    });
    const actor = startMachine(services);
    await settledOn(actor, 'signedIn');
    actor.send({ type: 'SIGN_OUT' });
    await settledOn(actor, 'signedIn');
    expect(view(actor)).toMatchObject({ user: alice, error: { code: 'Network' } });
  });
});

describe('customAuthMachine: the sign-in that follows a confirmed sign-up', () => {
  async function confirmed(services = fakeServices()) {
    const actor = await atSignUp(services);
    actor.send({ type: 'SIGN_UP', username: 'alice', attributes: { email: 'a@example.com' } });
    await settledOn(actor, 'confirmSignUp');
    expect(view(actor).signUpConfirmed).toBe(false);
    actor.send({ type: 'CONFIRM_SIGN_UP', code: rightCode });
    await settledOn(actor, 'challenge');
    return actor;
  }

  it('says the challenge follows a confirmation, through auto sign-in, until the sign-in ends', async () => {
    const actor = await confirmed();
    expect(view(actor).signUpConfirmed).toBe(true);
    actor.send({ type: 'ANSWER_CHALLENGE', answer: '000000' });
    await settledOn(actor, 'challenge');
    expect(view(actor).signUpConfirmed).toBe(true);
    actor.send({ type: 'ANSWER_CHALLENGE', answer: rightCode });
    await settledOn(actor, 'signedIn');
    expect(view(actor).signUpConfirmed).toBe(false);
  });

  it('says so too when the pool’s confirmation leads to a sign-in of the kit’s own', async () => {
    const services = fakeServices();
    const confirm = services.confirmSignUp.getMockImplementation();
    services.confirmSignUp.mockImplementation(async (request) => {
      await confirm?.(request);
      return { type: 'done' };
    });
    const actor = await confirmed(services);
    expect(services.autoSignIn).not.toHaveBeenCalled();
    expect(view(actor).signUpConfirmed).toBe(true);
  });

  it('forgets it when the user leaves the challenge, and on the next sign-in', async () => {
    const actor = await confirmed();
    actor.send({ type: 'GO_TO_SIGN_IN' });
    await settledOn(actor, 'signIn');
    expect(view(actor).signUpConfirmed).toBe(false);
    actor.send({ type: 'SIGN_IN', username: 'alice' });
    await settledOn(actor, 'challenge');
    expect(view(actor).signUpConfirmed).toBe(false);
  });

  it('is not set for a sign-up the pool confirmed by itself, nor for a plain sign-in', async () => {
    const services = fakeServices({ signUp: async () => ({ type: 'autoSignIn' }) });
    const actor = await atSignUp(services);
    actor.send({ type: 'SIGN_UP', username: 'alice', attributes: { email: 'a@example.com' } });
    await settledOn(actor, 'challenge');
    expect(view(actor).signUpConfirmed).toBe(false);
  });

  it('is forgotten when the sign-in after the confirmation fails, and the user signs in again', async () => {
    const services = fakeServices({
      autoSignIn: async () => {
        throw cognitoError('LimitExceededException');
      },
    });
    const actor = await atSignUp(services);
    actor.send({ type: 'SIGN_UP', username: 'alice', attributes: { email: 'a@example.com' } });
    await settledOn(actor, 'confirmSignUp');
    actor.send({ type: 'CONFIRM_SIGN_UP', code: rightCode });
    await settledOn(actor, 'signIn');
    expect(view(actor)).toMatchObject({
      signUpConfirmed: false,
      error: { code: 'TooManyRequests' },
    });
  });
});
