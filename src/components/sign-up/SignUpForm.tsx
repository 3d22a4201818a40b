import { useEffect, useId, useState } from 'react';
import type { CustomAuthError, CustomAuthErrorCode } from '../../machine/index.ts';
import { type CustomAuth, useCustomAuth } from '../../react/index.ts';
import { useAuthUi } from '../AuthUiContext.tsx';
import { errorText, format } from '../messages/index.ts';
import { ErrorMessage } from '../parts/ErrorMessage.tsx';
import { Field } from '../parts/Field.tsx';
import { ScreenForm, SubmitButton } from '../parts/ScreenForm.tsx';
import { UsernameField } from '../parts/UsernameField.tsx';
import { useFocusOnMount } from '../parts/useFocusOnMount.ts';
import { type SignUpMessages, signUpEnglish } from './messages.ts';
import { cognitoDefaultPasswordPolicy, passwordRulesText } from './passwordPolicy.ts';
import { type SignUpFieldErrors, signUpFieldErrors } from './signUpChecks.ts';
import { signUpFields } from './signUpFields.ts';

const select = ({ isPending, error, flow, signUp, goToSignIn }: CustomAuth) => ({
  isPending,
  error,
  flow,
  signUp,
  goToSignIn,
});

/** The field a statechart error is about, when the form can tell. */
const fieldOfError: Partial<Record<CustomAuthErrorCode, string>> = {
  EmptyUsername: 'username',
  UsernameExists: 'username',
  EmptyPassword: 'password',
  InvalidPassword: 'password',
};

/** A field's own error, under it; its id is what the field's aria-describedby names. */
const FieldError = ({ id, text }: { id: string; text: string | undefined }) =>
  text ? (
    <p id={id} data-part="error">
      {text}
    </p>
  ) : null;

/**
 * The chosen attributes, and a password only when the flow or the app wants one. A submit
 * checks every field at once and shows each message under its own field; the statechart's
 * errors about one field (a username taken, a password refused) show under that field too.
 */
export function SignUpForm() {
  const { isPending, error, flow, signUp, goToSignIn } = useCustomAuth(select);
  const ui = useAuthUi();
  const { signUpAttributes, signUpPassword, passwordPolicy = cognitoDefaultPasswordPolicy } = ui;
  // A custom sign-up option may bring no words: English then.
  const messages: SignUpMessages = { ...signUpEnglish, ...ui.messages };
  const fields = signUpFields(signUpAttributes, messages);
  const withPassword = signUpPassword ?? flow === 'passwordThenCode';
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  // The form's own findings, and the statechart's error they replaced (stale from then on).
  const [checked, setChecked] = useState<{
    errors: SignUpFieldErrors;
    replaced: CustomAuthError | null;
  }>({ errors: {}, replaced: null });
  const [refusals, setRefusals] = useState(0);
  const firstField = useFocusOnMount<HTMLInputElement>();
  const idBase = useId();
  const errorIdOf = (name: string) => `${idBase}-${name}`;
  const formErrorId = errorIdOf('form');
  const current = error === checked.replaced ? null : error;
  const currentField = current ? fieldOfError[current.code] : undefined;
  const placed = currentField === 'username' || (currentField === 'password' && withPassword);
  const errors: SignUpFieldErrors =
    current && placed
      ? { ...checked.errors, [currentField]: errorText(messages, current) }
      : checked.errors;
  const formError = current && !placed ? errorText(messages, current) : null;
  const fieldProps = (name: string) => ({
    invalid: name in errors,
    errorId: errorIdOf(name),
    children: <FieldError id={errorIdOf(name)} text={errors[name]} />,
  });
  // Focus goes to the first field in error, in the order the form shows them: after the
  // form's own check, and when the pool refuses what one field holds.
  const placedError = placed ? current : null;
  useEffect(() => {
    if (refusals === 0 && !placedError) return;
    firstField.current?.form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [refusals, placedError, firstField]);
  const submit = () => {
    const entries = { username, password: withPassword ? password : undefined, values };
    const found = signUpFieldErrors(entries, fields, passwordPolicy, messages);
    setChecked({ errors: found, replaced: error });
    if (Object.keys(found).length > 0) {
      setRefusals((count) => count + 1);
      return;
    }
    const attributes = Object.fromEntries(
      fields
        .filter((field) => values[field.name]?.trim())
        .map((field) => [field.name, values[field.name]?.trim() ?? '']),
    );
    signUp({ username, password: entries.password, attributes });
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
        inputRef={firstField}
        {...fieldProps('username')}
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
          help={passwordRulesText(passwordPolicy, messages) ?? undefined}
          {...fieldProps('password')}
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
            setValues((entered) => ({ ...entered, [field.name]: event.target.value }))
          }
          disabled={isPending}
          {...fieldProps(field.name)}
        />
      ))}
      <ErrorMessage id={formErrorId} text={formError} />
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
