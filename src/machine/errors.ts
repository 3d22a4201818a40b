import type { ChallengeInfo } from './types.ts';

/** Every error the kit reports, whether found by input validation or returned by Cognito. */
export type CustomAuthErrorCode =
  | 'EmptyUsername'
  | 'EmptyPassword'
  | 'EmptyAnswer'
  | 'EmptyCode'
  | 'InputTooLong'
  | 'WrongAnswer'
  | 'ChallengeFailed'
  | 'SessionExpired'
  | 'ResendCooldown'
  | 'UserNotFound'
  | 'NotAuthorized'
  | 'UserNotConfirmed'
  | 'UsernameExists'
  | 'InvalidPassword'
  | 'InvalidParameter'
  | 'CodeMismatch'
  | 'ExpiredCode'
  | 'TooManyRequests'
  | 'SignInLocked'
  | 'TriggerFailed'
  | 'Network'
  | 'UnsupportedStep'
  | 'Unknown';

export interface CustomAuthError {
  code: CustomAuthErrorCode;
  /** Default English text; UIs may translate by `code` instead. */
  message: string;
  /** `SignInLocked` only: epoch ms (this device's clock) from which the username may try again. */
  retryAt?: number;
}

export const defaultErrorMessages: Record<CustomAuthErrorCode, string> = {
  EmptyUsername: 'Enter your username.',
  EmptyPassword: 'Enter your password.',
  EmptyAnswer: 'Enter the code.',
  EmptyCode: 'Enter the confirmation code.',
  InputTooLong: 'That entry is too long.',
  WrongAnswer: 'That code is not right. Try again.',
  ChallengeFailed: 'Too many wrong codes. Sign in again to get a new code.',
  SessionExpired: 'Your code has expired. Sign in again to get a new one.',
  ResendCooldown: 'Wait a moment before asking for a new code.',
  UserNotFound: 'No account was found for that username.',
  NotAuthorized: 'Incorrect username or password.',
  UserNotConfirmed: 'This account is not confirmed yet.',
  UsernameExists: 'An account with that username already exists.',
  InvalidPassword: 'That password does not meet the requirements.',
  InvalidParameter: 'Some of the details entered are not valid.',
  CodeMismatch: 'That confirmation code is not right.',
  ExpiredCode: 'That confirmation code has expired. Ask for a new one.',
  TooManyRequests: 'Too many attempts. Wait a while and try again.',
  SignInLocked: 'Too many sign-in attempts. Try again in {minutes} min.',
  TriggerFailed: 'The sign-in service rejected the request.',
  Network: 'Cannot reach the sign-in service. Check your connection and try again.',
  UnsupportedStep: 'This sign-in step is not supported.',
  Unknown: 'Something went wrong. Try again.',
};

const cognitoErrorCodes: Readonly<Record<string, CustomAuthErrorCode>> = {
  UserNotFoundException: 'UserNotFound',
  NotAuthorizedException: 'NotAuthorized',
  UserNotConfirmedException: 'UserNotConfirmed',
  UsernameExistsException: 'UsernameExists',
  AliasExistsException: 'UsernameExists',
  InvalidPasswordException: 'InvalidPassword',
  InvalidParameterException: 'InvalidParameter',
  CodeMismatchException: 'CodeMismatch',
  ExpiredCodeException: 'ExpiredCode',
  LimitExceededException: 'TooManyRequests',
  TooManyRequestsException: 'TooManyRequests',
  TooManyFailedAttemptsException: 'TooManyRequests',
  UserLambdaValidationException: 'TriggerFailed',
  NetworkError: 'Network',
};

/** Cognito's own text is the useful part for these (which password rule, which field). */
const serverMessageCodes = new Set<CustomAuthErrorCode>(['InvalidPassword', 'InvalidParameter']);

export function authError(code: CustomAuthErrorCode, message = defaultErrorMessages[code]) {
  return { code, message } satisfies CustomAuthError;
}

function stringField(error: unknown, field: 'name' | 'message'): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const value = (error as Record<string, unknown>)[field];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

const errorName = (error: unknown) => stringField(error, 'name');
const errorText = (error: unknown) => stringField(error, 'message');

function isNetworkFailure(error: unknown): boolean {
  if (errorName(error) !== 'Unknown') return false;
  const cause = (error as { underlyingError?: unknown }).underlyingError;
  return cause instanceof TypeError || errorName(cause) === 'NetworkError';
}

/**
 * The kit's triggers refuse a locked username by throwing an error whose text Cognito passes
 * on inside UserLambdaValidationException: "SignInLocked retryAfterSeconds=<n>".
 */
function signInLock(error: unknown): CustomAuthError | null {
  if (errorName(error) !== 'UserLambdaValidationException') return null;
  const seconds = /\bSignInLocked retryAfterSeconds=(\d{1,9})\b/.exec(errorText(error) ?? '')?.[1];
  if (seconds === undefined) return null;
  const minutes = String(Math.ceil(Number(seconds) / 60));
  return {
    code: 'SignInLocked',
    message: defaultErrorMessages.SignInLocked.replace('{minutes}', minutes),
    retryAt: Date.now() + Number(seconds) * 1000,
  };
}

/** Maps anything Amplify throws to a typed error; unknown errors keep their own message. */
export function toAuthError(error: unknown): CustomAuthError {
  if (isNetworkFailure(error)) return authError('Network');
  const lock = signInLock(error);
  if (lock) return lock;
  const code = cognitoErrorCodes[errorName(error) ?? ''];
  if (!code) return authError('Unknown', errorText(error) ?? defaultErrorMessages.Unknown);
  const serverText = serverMessageCodes.has(code) ? errorText(error) : undefined;
  return authError(code, serverText);
}

export function isErrorNamed(error: unknown, name: string): boolean {
  return errorName(error) === name;
}

/**
 * NotAuthorizedException on an answer means either the attempts are used up or the
 * session is dead; Cognito only tells them apart by message.
 */
export function toChallengeError(error: unknown): CustomAuthError {
  return /session/i.test(errorText(error) ?? '')
    ? authError('SessionExpired')
    : authError('ChallengeFailed');
}

/** The attempts left that the trigger sent as `attemptsLeft`, if it sent a number. */
export function attemptsLeftOf(challenge: Pick<ChallengeInfo, 'parameters'>): number | null {
  const attemptsLeft = Number.parseInt(challenge.parameters.attemptsLeft ?? '', 10);
  return Number.isFinite(attemptsLeft) ? attemptsLeft : null;
}

export function wrongAnswerError(challenge: Pick<ChallengeInfo, 'parameters'>): CustomAuthError {
  const attemptsLeft = attemptsLeftOf(challenge);
  if (attemptsLeft === null) return authError('WrongAnswer');
  const attempts = attemptsLeft === 1 ? '1 attempt' : `${attemptsLeft} attempts`;
  return authError('WrongAnswer', `That code is not right. ${attempts} left.`);
}
