import { describe, expect, it } from 'vitest';
import { toAuthError } from '../../src/machine/errors.ts';
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
