import { describe, expect, it } from 'vitest';
import { waitFor } from 'xstate';
import { isFailedByDefine, toAuthError } from '../../src/machine/errors.ts';
import { cognitoError, fakeServices } from '../support/fake-services.ts';
import { settledOn, startMachine, view } from '../support/machine-harness.ts';

describe('toAuthError', () => {
  it.each([
    ['UserNotFoundException', 'UserNotFound'],
    ['NotAuthorizedException', 'NotAuthorized'],
    ['UserNotConfirmedException', 'UserNotConfirmed'],
    ['UsernameExistsException', 'UsernameExists'],
    ['CodeMismatchException', 'CodeMismatch'],
    ['ExpiredCodeException', 'ExpiredCode'],
    ['LimitExceededException', 'TooManyRequests'],
    ['TooManyRequestsException', 'TooManyRequests'],
    ['TooManyFailedAttemptsException', 'TooManyRequests'],
    ['UserLambdaValidationException', 'TriggerFailed'],
    ['NetworkError', 'Network'],
    ['InvalidPasswordException', 'InvalidPassword'],
  ] as const)('maps %s to %s, as data without words', (name, code) => {
    expect(toAuthError(cognitoError(name, 'raw server text'))).toEqual({ code });
  });

  it('keeps Cognito’s explanation of an invalid parameter', () => {
    const message = 'Attributes did not conform to the schema: email: The attribute is required';
    expect(toAuthError(cognitoError('InvalidParameterException', message))).toEqual({
      code: 'InvalidParameter',
      serverMessage: message,
    });
  });

  it.each([
    'Password did not conform with policy: Password not long enough',
    'Password does not conform to policy: Password must have symbol characters',
    'Provided password cannot be used for security reasons.',
    '',
  ])('words any InvalidPasswordException as the kit’s InvalidPassword: %j', (message) => {
    expect(toAuthError(cognitoError('InvalidPasswordException', message))).toEqual({
      code: 'InvalidPassword',
    });
  });

  it('recognises a network failure under Amplify’s Unknown error', () => {
    const error = Object.assign(new Error('An unknown error has occurred.'), {
      name: 'Unknown',
      underlyingError: new TypeError('Failed to fetch'),
    });
    expect(toAuthError(error).code).toBe('Network');
  });

  it('keeps the message of an error it does not know', () => {
    expect(toAuthError(cognitoError('SomethingNewException', 'A new failure'))).toEqual({
      code: 'Unknown',
      serverMessage: 'A new failure',
    });
    const unknownWithoutNetworkCause = Object.assign(new Error('An unknown error has occurred.'), {
      name: 'Unknown',
      underlyingError: new Error('boom'),
    });
    expect(toAuthError(unknownWithoutNetworkCause)).toEqual({
      code: 'Unknown',
      serverMessage: 'An unknown error has occurred.',
    });
  });

  it.each([null, undefined, 'text', 42, {}])('gives a bare Unknown for %j', (value) => {
    expect(toAuthError(value)).toEqual({ code: 'Unknown' });
  });
});

describe('InvalidPasswordException on the password-then-code sign-in', () => {
  it('is the kit’s InvalidPassword there too, without Cognito’s English', async () => {
    const services = fakeServices({
      signIn: async () => {
        throw cognitoError('InvalidPasswordException', 'Password does not conform to policy');
      },
    });
    const actor = startMachine(services, { flow: 'passwordThenCode' });
    await settledOn(actor, 'signIn');
    actor.send({ type: 'SIGN_IN', username: 'alice', password: 'short' });
    await waitFor(actor, (snapshot) => snapshot.context.error !== null);
    expect(view(actor).error).toEqual({ code: 'InvalidPassword' });
    actor.stop();
  });
});

describe('triggers that expect every sign-in to open with SRP_A', () => {
  const refused = () => cognitoError('NotAuthorizedException', 'Incorrect username or password.');

  it('maps Amplify’s EmptyUserIdForSRPException to DefineExpectsSrpA', () => {
    const error = cognitoError(
      'EmptyUserIdForSRPException',
      'USER_ID_FOR_SRP was not found in challengeParameters',
    );
    expect(toAuthError(error)).toEqual({ code: 'DefineExpectsSrpA' });
  });

  it('reads a refused passwordless start as DefineExpectsSrpA, and a refused password as NotAuthorized', async () => {
    for (const [flow, code] of [
      ['passwordless', 'DefineExpectsSrpA'],
      ['passwordThenCode', 'NotAuthorized'],
    ] as const) {
      const services = fakeServices({
        signIn: async () => {
          throw refused();
        },
      });
      const actor = startMachine(services, { flow });
      await settledOn(actor, 'signIn');
      actor.send({ type: 'SIGN_IN', username: 'alice', password: 'Any-Password-9' });
      await waitFor(
        actor,
        (snapshot) => snapshot.matches({ signIn: 'idle' }) && snapshot.context.error !== null,
      );
      expect(view(actor).error).toEqual({ code });
      actor.stop();
    }
  });

  it('keeps other refusals of a passwordless start, such as a disabled user, as NotAuthorized', () => {
    expect(isFailedByDefine(refused())).toBe(true);
    expect(isFailedByDefine(cognitoError('NotAuthorizedException', 'User is disabled.'))).toBe(
      false,
    );
    expect(
      isFailedByDefine(cognitoError('UserNotFoundException', 'Incorrect username or password.')),
    ).toBe(false);
  });
});
