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
  ] as const)('maps %s to %s, as data without words', (name, code) => {
    expect(toAuthError(cognitoError(name, 'raw server text'))).toEqual({ code });
  });

  it.each([
    ['InvalidPasswordException', 'InvalidPassword'],
    ['InvalidParameterException', 'InvalidParameter'],
  ] as const)('keeps Cognito’s explanation for %s', (name, code) => {
    const message = 'Password did not conform with policy: Password must have symbol characters';
    expect(toAuthError(cognitoError(name, message))).toEqual({ code, serverMessage: message });
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
