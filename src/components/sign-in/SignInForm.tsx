import { useState } from 'react';
import { type CustomAuth, useCustomAuth } from '../../react/index.ts';
import { useAuthUi } from '../AuthUiContext.tsx';
import { ErrorMessage } from '../parts/ErrorMessage.tsx';
import { Field } from '../parts/Field.tsx';
import { ScreenForm, SubmitButton } from '../parts/ScreenForm.tsx';
import { UsernameField } from '../parts/UsernameField.tsx';
import { useFocusOnMount } from '../parts/useFocusOnMount.ts';
import { useScreenError } from '../parts/useScreenError.ts';

const select = ({ isPending, error, username, flow, signIn, goToSignUp }: CustomAuth) => ({
  isPending,
  error,
  username,
  flow,
  signIn,
  goToSignUp,
});

/** Username, and the password too in the passwordThenCode flow. */
export function SignInForm() {
  const {
    isPending,
    error,
    username: knownUsername,
    flow,
    signIn,
    goToSignUp,
  } = useCustomAuth(select);
  const { messages, hideSignUp } = useAuthUi();
  const [username, setUsername] = useState(knownUsername);
  const [password, setPassword] = useState('');
  const firstField = useFocusOnMount<HTMLInputElement>();
  const { errorId, text, isInvalid } = useScreenError(error, {
    EmptyUsername: 'username',
    UserNotFound: 'username',
    InputTooLong: 'username',
    EmptyPassword: 'password',
    NotAuthorized: 'password',
  });
  const withPassword = flow === 'passwordThenCode';
  return (
    <ScreenForm
      screen="signIn"
      title={messages.signInTitle}
      isPending={isPending}
      onSubmit={() => signIn({ username, password: withPassword ? password : undefined })}
    >
      <UsernameField
        value={username}
        onChange={setUsername}
        disabled={isPending}
        invalid={isInvalid('username')}
        errorId={errorId}
        inputRef={firstField}
      />
      {withPassword && (
        <Field
          label={messages.password}
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          disabled={isPending}
          invalid={isInvalid('password')}
          errorId={errorId}
        />
      )}
      <ErrorMessage id={errorId} text={text} />
      <SubmitButton
        isPending={isPending}
        label={messages.signIn}
        pendingLabel={messages.signingIn}
      />
      {!hideSignUp && (
        <button type="button" data-part="link" onClick={goToSignUp} disabled={isPending}>
          {messages.goToSignUp}
        </button>
      )}
    </ScreenForm>
  );
}
