import type { ReactNode, Ref } from 'react';
import { useAuthUi } from '../AuthUiContext.tsx';
import { Field } from './Field.tsx';

export interface UsernameFieldProps {
  value: string;
  onChange: (value: string) => void;
  disabled: boolean;
  invalid: boolean;
  errorId: string;
  inputRef?: Ref<HTMLInputElement>;
  /** The field's own error message, under the input. */
  children?: ReactNode;
}

/**
 * The username as sign-in and sign-up both ask for it: no autocapitalising or spellcheck.
 * `webauthn` lets the browser offer passkeys in its autofill, while a page asks it to
 * (`passkeyAutofillSignIn`); it changes nothing otherwise.
 */
export function UsernameField({ onChange, ...props }: UsernameFieldProps) {
  const { messages } = useAuthUi();
  return (
    <Field
      {...props}
      label={messages.username}
      name="username"
      autoComplete="username webauthn"
      autoCapitalize="off"
      spellCheck={false}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}
