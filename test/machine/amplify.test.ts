import { beforeEach, describe, expect, it, vi } from 'vitest';
import { cognitoError } from '../support/fake-services';

const auth = vi.hoisted(() => ({
  signIn: vi.fn(),
  confirmSignIn: vi.fn(),
  signUp: vi.fn(),
  confirmSignUp: vi.fn(),
  resendSignUpCode: vi.fn(),
  autoSignIn: vi.fn(),
  signOut: vi.fn(),
  getCurrentUser: vi.fn(),
}));
vi.mock('@aws-amplify/auth', () => auth);

const { Hub } = await import('@aws-amplify/core');
const { amplifyServices, amplifySignUp } = await import('../../src/machine/index.ts');

const signedInUser = { username: 'alice', userId: 'sub-1', signInDetails: { loginId: 'alice' } };
const customChallenge = {
  isSignedIn: false,
  nextStep: {
    signInStep: 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE',
    additionalInfo: { hint: 'Check your email', attemptsLeft: '3' },
  },
};

describe('amplifyServices', () => {
  beforeEach(() => {
    for (const mock of Object.values(auth)) mock.mockReset();
  });

  it('sees nothing stored where there is no browser storage, as on a server', () => {
    expect(typeof localStorage).toBe('undefined');
    expect(amplifyServices.mayResume()).toBe(false);
  });

  it('signs in passwordless with CUSTOM_WITHOUT_SRP and never sends a password', async () => {
    auth.signIn.mockResolvedValue(customChallenge);
    const step = await amplifyServices.signIn({
      username: 'alice',
      password: 'x',
      flow: 'passwordless',
    });
    expect(auth.signIn).toHaveBeenCalledWith({
      username: 'alice',
      password: undefined,
      options: { authFlowType: 'CUSTOM_WITHOUT_SRP' },
    });
    expect(step).toEqual({
      type: 'customChallenge',
      parameters: { hint: 'Check your email', attemptsLeft: '3' },
    });
  });

  it('signs in password-then-code with CUSTOM_WITH_SRP and the password', async () => {
    auth.signIn.mockResolvedValue(customChallenge);
    await amplifyServices.signIn({
      username: 'alice',
      password: 'Secret-1',
      flow: 'passwordThenCode',
    });
    expect(auth.signIn).toHaveBeenCalledWith({
      username: 'alice',
      password: 'Secret-1',
      options: { authFlowType: 'CUSTOM_WITH_SRP' },
    });
  });

  it('reads the user when a step is DONE', async () => {
    auth.confirmSignIn.mockResolvedValue({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    auth.getCurrentUser.mockResolvedValue(signedInUser);
    await expect(amplifyServices.confirmSignIn('123456')).resolves.toEqual({
      type: 'done',
      user: { username: 'alice', userId: 'sub-1' },
    });
    expect(auth.confirmSignIn).toHaveBeenCalledWith({ challengeResponse: '123456' });
  });

  it('sends ClientMetadata with an answer when given some, for the next Create', async () => {
    auth.confirmSignIn.mockResolvedValue({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    auth.getCurrentUser.mockResolvedValue(signedInUser);
    await amplifyServices.confirmSignIn('sms', { choice: 'sms' });
    expect(auth.confirmSignIn).toHaveBeenCalledWith({
      challengeResponse: 'sms',
      options: { clientMetadata: { choice: 'sms' } },
    });
  });

  it('names the steps it does not handle', async () => {
    auth.signIn.mockResolvedValueOnce({
      isSignedIn: false,
      nextStep: { signInStep: 'CONFIRM_SIGN_UP' },
    });
    await expect(amplifyServices.signIn({ username: 'a', flow: 'passwordless' })).resolves.toEqual({
      type: 'confirmSignUp',
    });
    auth.signIn.mockResolvedValueOnce({
      isSignedIn: false,
      nextStep: { signInStep: 'RESET_PASSWORD' },
    });
    await expect(amplifyServices.signIn({ username: 'a', flow: 'passwordless' })).resolves.toEqual({
      type: 'unsupported',
      signInStep: 'RESET_PASSWORD',
    });
  });

  it('leaves sign-up out unless it is asked for, saying how to enable it', async () => {
    const request = { username: 'a', password: 'p', attributes: {}, flow: 'passwordless' } as const;
    await expect(amplifyServices.signUp(request)).rejects.toMatchObject({
      name: 'SignUpNotEnabled',
      message: expect.stringContaining('amplifySignUp'),
    });
    expect(auth.signUp).not.toHaveBeenCalled();
  });

  it('signs up with auto sign-in in the same flow', async () => {
    const codeDeliveryDetails = {
      destination: 'a***@e***',
      deliveryMedium: 'EMAIL',
      attributeName: 'email',
    };
    auth.signUp.mockResolvedValue({
      isSignUpComplete: false,
      nextStep: { signUpStep: 'CONFIRM_SIGN_UP', codeDeliveryDetails },
    });
    const step = await amplifySignUp({
      username: 'alice',
      password: 'Generated-1!',
      attributes: { email: 'alice@example.com' },
      flow: 'passwordless',
    });
    expect(auth.signUp).toHaveBeenCalledWith({
      username: 'alice',
      password: 'Generated-1!',
      options: {
        userAttributes: { email: 'alice@example.com' },
        autoSignIn: { authFlowType: 'CUSTOM_WITHOUT_SRP' },
      },
    });
    expect(step).toEqual({ type: 'confirmSignUp', codeDelivery: codeDeliveryDetails });
  });

  it('makes a password nobody types for a passwordless sign-up', async () => {
    auth.signUp.mockResolvedValue({ isSignUpComplete: false, nextStep: { signUpStep: 'DONE' } });
    await amplifySignUp({ username: 'alice', attributes: {}, flow: 'passwordless' });
    const { password } = auth.signUp.mock.calls.at(-1)?.[0] ?? {};
    expect(password).toMatch(/^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)(?=.*[^a-zA-Z\d]).{36}$/);
  });

  it('tells auto sign-in apart from a finished sign-up', async () => {
    auth.confirmSignUp.mockResolvedValueOnce({ nextStep: { signUpStep: 'COMPLETE_AUTO_SIGN_IN' } });
    await expect(amplifyServices.confirmSignUp({ username: 'a', code: '1' })).resolves.toEqual({
      type: 'autoSignIn',
    });
    expect(auth.confirmSignUp).toHaveBeenCalledWith({ username: 'a', confirmationCode: '1' });
    auth.confirmSignUp.mockResolvedValueOnce({ nextStep: { signUpStep: 'DONE' } });
    await expect(amplifyServices.confirmSignUp({ username: 'a', code: '1' })).resolves.toEqual({
      type: 'done',
    });
  });

  it('answers null, not an error, when nobody is signed in', async () => {
    auth.getCurrentUser.mockRejectedValueOnce(cognitoError('UserUnAuthenticatedException'));
    await expect(amplifyServices.getCurrentUser()).resolves.toBeNull();
    auth.getCurrentUser.mockRejectedValueOnce(cognitoError('NetworkError', 'NetworkError message'));
    await expect(amplifyServices.getCurrentUser()).rejects.toThrow('NetworkError message');
  });

  it('hears a Hub signedOut and nothing else', () => {
    const onSignedOut = vi.fn();
    const stop = amplifyServices.listenForSignOut(onSignedOut);
    Hub.dispatch('auth', { event: 'signedIn', data: signedInUser } as never);
    Hub.dispatch('auth', { event: 'tokenRefresh' } as never);
    expect(onSignedOut).not.toHaveBeenCalled();
    Hub.dispatch('auth', { event: 'signedOut' } as never);
    expect(onSignedOut).toHaveBeenCalledTimes(1);
    stop();
    Hub.dispatch('auth', { event: 'signedOut' } as never);
    expect(onSignedOut).toHaveBeenCalledTimes(1);
  });
});
