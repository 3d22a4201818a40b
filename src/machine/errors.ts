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
  | 'LinkRefused'
  | 'TriggerFailed'
  | 'DefineExpectsSrpA'
  | 'Network'
  | 'UnsupportedStep'
  | 'Unknown';

/**
 * An error as data: words live in the UI's dictionaries (the drop-in's `messages`), keyed by
 * `code`, with the details below filled into them.
 */
export interface CustomAuthError {
  code: CustomAuthErrorCode;
  /**
   * Cognito's own text, kept where it is the useful part: which parameter failed, or an error
   * the kit does not know. Never for `InvalidPassword`, whatever rule failed: the dictionaries
   * word it, and the sign-up screen shows the rules beside the field.
   */
  serverMessage?: string;
  /** `SignInLocked` only: epoch ms (this device's clock) from which the username may try again. */
  retryAt?: number;
  /** `WrongAnswer` only, when the trigger sent `attemptsLeft`: answers left in this step. */
  attemptsLeft?: number;
  /**
   * `LinkRefused` only: why the sign-in link did not work, as the trigger said (`expired`,
   * `used`, `superseded`, or `malformed`, `unknownKey`, `signature`, `wrongUser` for a link
   * that was altered).
   */
  reason?: string;
}

/** The names of errors Amplify throws that the statechart and its services tell apart. */
export type KnownErrorName =
  | 'NotAuthorizedException'
  | 'UserNotConfirmedException'
  | 'UserAlreadyAuthenticatedException'
  | 'UserUnAuthenticatedException';

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
  // Amplify's client, when Define answers SRP_A with anything but PASSWORD_VERIFIER.
  EmptyUserIdForSRPException: 'DefineExpectsSrpA',
  NetworkError: 'Network',
};

/**
 * Cognito's own text is the useful part for this one (which field). A password rule's is
 * not: it is English only, and names one rule of several.
 */
const serverMessageCodes = new Set<CustomAuthErrorCode>(['InvalidParameter']);

export function authError(code: CustomAuthErrorCode, serverMessage?: string): CustomAuthError {
  return serverMessage === undefined ? { code } : { code, serverMessage };
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
 * The kit's triggers end a sign-in by throwing an error whose text Cognito passes on inside
 * UserLambdaValidationException: "SignInLocked retryAfterSeconds=<n>" for a locked username,
 * "MagicLinkRefused reason=<reason>" for a link that does not work.
 */
function triggerRefusal(error: unknown): CustomAuthError | null {
  if (errorName(error) !== 'UserLambdaValidationException') return null;
  const [, seconds, reason] =
    /\b(?:SignInLocked retryAfterSeconds=(\d{1,9})\b|MagicLinkRefused reason=(\w{1,20}))/.exec(
      errorText(error) ?? '',
    ) ?? [];
  if (reason) return { code: 'LinkRefused', reason };
  return seconds ? { code: 'SignInLocked', retryAt: Date.now() + Number(seconds) * 1000 } : null;
}

/** Maps anything Amplify throws to a typed error; unknown errors keep their own message. */
export function toAuthError(error: unknown): CustomAuthError {
  if (isNetworkFailure(error)) return authError('Network');
  const refusal = triggerRefusal(error);
  if (refusal) return refusal;
  const code = cognitoErrorCodes[errorName(error) ?? ''];
  if (!code) return authError('Unknown', errorText(error));
  const serverText = serverMessageCodes.has(code) ? errorText(error) : undefined;
  return authError(code, serverText);
}

export function isErrorNamed(error: unknown, name: KnownErrorName): boolean {
  return errorName(error) === name;
}

/**
 * Cognito's answer when Define fails a sign-in. On a passwordless start no password can be
 * wrong: Define failed the empty session, as the Amplify CLI boilerplate's does, since it
 * wants every session to open with SRP_A.
 */
export const isFailedByDefine = (error: unknown) =>
  isErrorNamed(error, 'NotAuthorizedException') &&
  /^Incorrect username or password\.?$/.test(errorText(error) ?? '');

/**
 * NotAuthorizedException on an answer means either the attempts are used up or the
 * session is dead; Cognito only tells them apart by message.
 */
export function toChallengeError(error: unknown): CustomAuthError {
  return /session/i.test(errorText(error) ?? '')
    ? authError('SessionExpired')
    : authError('ChallengeFailed');
}

export function wrongAnswerError({
  attemptsLeft,
}: {
  attemptsLeft: number | null;
}): CustomAuthError {
  return attemptsLeft === null ? { code: 'WrongAnswer' } : { code: 'WrongAnswer', attemptsLeft };
}
