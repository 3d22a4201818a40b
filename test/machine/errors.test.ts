import { describe, expect, it } from 'vitest';
import { defaultErrorMessages, toAuthError } from '../../src/machine/index.ts';
import { cognitoError } from '../support/fake-services.ts';

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
  ] as const)('maps %s to %s with the default English message', (name, code) => {
    expect(toAuthError(cognitoError(name, 'raw server text'))).toEqual({
      code,
      message: defaultErrorMessages[code],
    });
  });

  it.each([
    ['InvalidPasswordException', 'InvalidPassword'],
    ['InvalidParameterException', 'InvalidParameter'],
  ] as const)('keeps Cognito’s explanation for %s', (name, code) => {
    const message = 'Password did not conform with policy: Password must have symbol characters';
    expect(toAuthError(cognitoError(name, message))).toEqual({ code, message });
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
      message: 'A new failure',
    });
    const unknownWithoutNetworkCause = Object.assign(new Error('An unknown error has occurred.'), {
      name: 'Unknown',
      underlyingError: new Error('boom'),
    });
    expect(toAuthError(unknownWithoutNetworkCause)).toEqual({
      code: 'Unknown',
      message: 'An unknown error has occurred.',
    });
  });

  it.each([null, undefined, 'text', 42, {}])('gives a generic message for %j', (value) => {
    expect(toAuthError(value)).toEqual({ code: 'Unknown', message: defaultErrorMessages.Unknown });
  });
});
