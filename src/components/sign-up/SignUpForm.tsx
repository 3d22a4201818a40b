import { useState } from 'react';
import { type CustomAuth, useCustomAuth } from '../../react/index.ts';
import { useAuthUi } from '../AuthUiContext.tsx';
import { format } from '../messages/index.ts';
import { ErrorMessage } from '../parts/ErrorMessage.tsx';
import { Field } from '../parts/Field.tsx';
import { ScreenForm, SubmitButton } from '../parts/ScreenForm.tsx';
import { UsernameField } from '../parts/UsernameField.tsx';
import { useFocusOnMount } from '../parts/useFocusOnMount.ts';
import { useScreenError } from '../parts/useScreenError.ts';
import { type SignUpMessages, signUpEnglish } from './messages.ts';
import { type SignUpFieldSpec, signUpFields } from './signUpFields.ts';

const select = ({ isPending, error, flow, signUp, goToSignIn }: CustomAuth) => ({
  isPending,
  error,
  flow,
  signUp,
  goToSignIn,
});

/** The chosen attributes, and a password only when the flow or the app wants one. */
export function SignUpForm() {
  const { isPending, error, flow, signUp, goToSignIn } = useCustomAuth(select);
  const ui = useAuthUi();
  const { signUpAttributes, signUpPassword } = ui;
  // A custom sign-up option may bring no words: English then.
  const messages: SignUpMessages = { ...signUpEnglish, ...ui.messages };
  const fields = signUpFields(signUpAttributes, messages);
  const withPassword = signUpPassword ?? flow === 'passwordThenCode';
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [missing, setMissing] = useState<SignUpFieldSpec | null>(null);
  const firstField = useFocusOnMount<HTMLInputElement>();
  const screenError = useScreenError(error, {
    EmptyUsername: 'username',
    UsernameExists: 'username',
    EmptyPassword: 'password',
    InvalidPassword: 'password',
  });
  const { errorId, isInvalid } = screenError;
  const text = missing
    ? format(messages.fieldRequired, { field: missing.label })
    : screenError.text;
  const submit = () => {
    const empty = fields.find((field) => field.required && !values[field.name]?.trim());
    setMissing(empty ?? null);
    if (empty) return;
    const attributes = Object.fromEntries(
      fields
        .filter((field) => values[field.name]?.trim())
        .map((field) => [field.name, values[field.name]?.trim() ?? '']),
    );
    signUp({ username, password: withPassword ? password : undefined, attributes });
  };
  return (
    <ScreenForm
      screen="signUp"
      title={messages.signUpTitle}
      isPending={isPending}
      onSubmit={submit}
    >
      <UsernameField
        value={username}
        onChange={setUsername}
        disabled={isPending}
        invalid={!missing && isInvalid('username')}
        errorId={errorId}
        inputRef={firstField}
      />
      {withPassword && (
        <Field
          label={messages.password}
          name="password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          disabled={isPending}
          invalid={!missing && isInvalid('password')}
          errorId={errorId}
        />
      )}
      {fields.map((field) => (
        <Field
          key={field.name}
          label={
            field.required ? field.label : format(messages.optionalField, { field: field.label })
          }
          name={field.name}
          type={field.type}
          autoComplete={field.autoComplete}
          required={field.required}
          value={values[field.name] ?? ''}
          onChange={(event) =>
            setValues((current) => ({ ...current, [field.name]: event.target.value }))
          }
          disabled={isPending}
          invalid={missing?.name === field.name}
          errorId={errorId}
        />
      ))}
      <ErrorMessage id={errorId} text={text} />
      <SubmitButton
        isPending={isPending}
        label={messages.createAccount}
        pendingLabel={messages.creatingAccount}
      />
      <button type="button" data-part="link" onClick={goToSignIn} disabled={isPending}>
        {messages.goToSignIn}
      </button>
    </ScreenForm>
  );
}
