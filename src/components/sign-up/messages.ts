import type { Messages, PluralText } from '../messages/index.ts';

/**
 * Sign-up's English, under the locale's words: `en` leaves these out, so that apps without
 * sign-up do not ship them; `es` and `messages` replace any of them.
 */
export const signUpEnglish = {
  signUpTitle: 'Create account',
  createAccount: 'Create account',
  creatingAccount: 'Creating account…',
  goToSignIn: 'Have an account? Sign in',
  phoneNumber: 'Phone number',
  optionalField: '{field} (optional)',
  fieldRequired: '{field} is required.',
  passwordRules: 'Your password needs {rules}.',
  passwordMinLength: {
    one: 'at least {count} character',
    other: 'at least {count} characters',
  } as PluralText,
  passwordUppercase: 'an uppercase letter',
  passwordLowercase: 'a lowercase letter',
  passwordNumber: 'a number',
  passwordSymbol: 'a symbol',
} satisfies Partial<Messages>;

export type SignUpMessages = Messages & typeof signUpEnglish;
