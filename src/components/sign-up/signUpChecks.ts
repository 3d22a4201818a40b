import { authError, type CustomAuthError } from '../../machine/errors.ts';
import { inputLimits, validatePassword, validateUsername } from '../../machine/validation.ts';
import { errorText, format } from '../messages/index.ts';
import type { SignUpMessages } from './messages.ts';
import { meetsPasswordPolicy, type PasswordPolicy } from './passwordPolicy.ts';
import type { SignUpFieldSpec } from './signUpFields.ts';

/** What the sign-up form holds when it is sent; `password` only when it asks for one. */
export interface SignUpEntries {
  username: string;
  password: string | undefined;
  values: Record<string, string>;
}

/** A message for each field in error, by field name (`username`, `password`, an attribute's). */
export type SignUpFieldErrors = Record<string, string>;

function passwordError(password: string, policy: PasswordPolicy): CustomAuthError | null {
  return (
    validatePassword(password, true) ??
    (meetsPasswordPolicy(password, policy) ? null : authError('InvalidPassword'))
  );
}

/**
 * Every field checked at once, so that one submit says all that is wrong. The statechart
 * checks again (one error at a time) behind this, for a UI that sends without checking.
 */
export function signUpFieldErrors(
  { username, password, values }: SignUpEntries,
  fields: readonly SignUpFieldSpec[],
  policy: PasswordPolicy,
  messages: SignUpMessages,
): SignUpFieldErrors {
  const errors: SignUpFieldErrors = {};
  const found = {
    username: validateUsername(username),
    password: password === undefined ? null : passwordError(password, policy),
  };
  for (const [name, error] of Object.entries(found)) {
    if (error) errors[name] = errorText(messages, error);
  }
  for (const field of fields) {
    const value = values[field.name]?.trim() ?? '';
    if (field.required && !value) {
      errors[field.name] = format(messages.fieldRequired, { field: field.label });
    } else if (value.length > inputLimits.attribute) {
      errors[field.name] = errorText(messages, authError('InputTooLong'));
    }
  }
  return errors;
}
