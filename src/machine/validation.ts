import { authError, type CustomAuthError, type CustomAuthErrorCode } from './errors.ts';
import type { CustomAuthFlow } from './types.ts';

/** Cognito's own limits, checked before any request so bad input never leaves the browser. */
export const inputLimits = {
  username: 128,
  password: 256,
  answer: 2048,
  code: 2048,
  attribute: 2048,
} as const;

function tooLong(value: string, limit: number): CustomAuthError | null {
  return value.length > limit ? authError('InputTooLong') : null;
}

/** A field that must hold something once trimmed, and no more than Cognito takes. */
function requiredText(value: string, empty: CustomAuthErrorCode, limit: number) {
  return value.trim() === '' ? authError(empty) : tooLong(value.trim(), limit);
}

export const validateUsername = (username: string) =>
  requiredText(username, 'EmptyUsername', inputLimits.username);

export const validateAnswer = (answer: string) =>
  requiredText(answer, 'EmptyAnswer', inputLimits.answer);

export const validateConfirmationCode = (code: string) =>
  requiredText(code, 'EmptyCode', inputLimits.code);

export function validatePassword(
  password: string | undefined,
  required: boolean,
): CustomAuthError | null {
  if (!password) return required ? authError('EmptyPassword') : null;
  return tooLong(password, inputLimits.password);
}

/** Sign-in and sign-up: the username, the password when the flow needs one, any attributes. */
export function validateCredentials(
  input: { username: string; password?: string; attributes?: Record<string, string> },
  flow: CustomAuthFlow,
): CustomAuthError | null {
  return (
    validateUsername(input.username) ??
    validatePassword(input.password, flow === 'passwordThenCode') ??
    Object.values(input.attributes ?? {}).reduce<CustomAuthError | null>(
      (found, value) => found ?? tooLong(value, inputLimits.attribute),
      null,
    )
  );
}
