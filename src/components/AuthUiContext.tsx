import { createContext, type ReactNode, useContext } from 'react';
import type { AnswerPartOption } from './challenge/answer-part.ts';
import { en, type Messages } from './messages/index.ts';
import type { PasswordPolicy } from './sign-up/passwordPolicy.ts';

/** An attribute asked for at sign-up; a plain string means a required one. */
export type SignUpAttribute =
  | string
  | { name: string; label?: string; required?: boolean; type?: 'email' | 'tel' | 'text' };

export interface AuthUiSettings {
  messages: Messages;
  hideSignUp: boolean;
  signUpAttributes: readonly SignUpAttribute[];
  /** Ask for a password at sign-up; by default only in the passwordThenCode flow. */
  signUpPassword: boolean | undefined;
  /** The pool's password rules, shown and checked at sign-up; by default Cognito's own. */
  passwordPolicy?: PasswordPolicy | undefined;
  /** Answer parts by challenge type name, over the built-in ones. */
  challenges: Readonly<Record<string, AnswerPartOption>>;
}

const defaults: AuthUiSettings = {
  messages: en,
  hideSignUp: false,
  signUpAttributes: ['email'],
  signUpPassword: undefined,
  challenges: {},
};

const AuthUiContext = createContext<AuthUiSettings>(defaults);

export function AuthUiProvider({
  value,
  children,
}: {
  value: AuthUiSettings;
  children: ReactNode;
}) {
  return <AuthUiContext.Provider value={value}>{children}</AuthUiContext.Provider>;
}

/** The drop-in's settings; screens used on their own get English and email sign-up. */
export function useAuthUi(): AuthUiSettings {
  return useContext(AuthUiContext);
}
