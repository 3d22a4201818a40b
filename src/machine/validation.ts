import { authError, type CustomAuthError } from './errors.ts';
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

export function validateUsername(username: string): CustomAuthError | null {
  if (username.trim() === '') return authError('EmptyUsername');
  return tooLong(username.trim(), inputLimits.username);
}

export function validatePassword(
  password: string | undefined,
  required: boolean,
): CustomAuthError | null {
  if (password === undefined || password === '') {
    return required ? authError('EmptyPassword') : null;
  }
  return tooLong(password, inputLimits.password);
}

export function validateSignIn(
  input: { username: string; password?: string },
  flow: CustomAuthFlow,
): CustomAuthError | null {
  return (
    validateUsername(input.username) ??
    validatePassword(input.password, flow === 'passwordThenCode')
  );
}

export function validateSignUp(
  input: { username: string; password?: string; attributes?: Record<string, string> },
  flow: CustomAuthFlow,
): CustomAuthError | null {
  const attributeError = Object.values(input.attributes ?? {})
    .map((value) => tooLong(value, inputLimits.attribute))
    .find((error) => error !== null);
  return (
    validateUsername(input.username) ??
    validatePassword(input.password, flow === 'passwordThenCode') ??
    attributeError ??
    null
  );
}

export function validateAnswer(answer: string): CustomAuthError | null {
  if (answer.trim() === '') return authError('EmptyAnswer');
  return tooLong(answer.trim(), inputLimits.answer);
}

export function validateConfirmationCode(code: string): CustomAuthError | null {
  if (code.trim() === '') return authError('EmptyCode');
  return tooLong(code.trim(), inputLimits.code);
}
