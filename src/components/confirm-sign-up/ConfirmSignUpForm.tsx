import { useRef, useState } from 'react';
import { type CustomAuth, useCustomAuth } from '../../react/index.ts';
import { useAuthUi } from '../AuthUiContext.tsx';
import { CodeInput } from '../code-input/CodeInput.tsx';
import { format } from '../messages/index.ts';
import { ErrorMessage } from '../parts/ErrorMessage.tsx';
import { ScreenForm, SubmitButton } from '../parts/ScreenForm.tsx';
import { StatusMessage } from '../parts/StatusMessage.tsx';
import { useFocusOnMount } from '../parts/useFocusOnMount.ts';
import { useScreenError } from '../parts/useScreenError.ts';

const select = ({
  isPending,
  error,
  codeDelivery,
  confirmSignUp,
  resendSignUpCode,
  goToSignIn,
}: CustomAuth) => ({ isPending, error, codeDelivery, confirmSignUp, resendSignUpCode, goToSignIn });

/** Where the confirmation code went, the code, and a way to get another. */
export function ConfirmSignUpForm() {
  const { isPending, error, codeDelivery, confirmSignUp, resendSignUpCode, goToSignIn } =
    useCustomAuth(select);
  const { messages } = useAuthUi();
  const [code, setCode] = useState('');
  const codeField = useFocusOnMount<HTMLInputElement>();
  // A delivery after the first one this screen showed is a resent code: say so, politely.
  // The screen may open before its first code went out (a sign-in of an unconfirmed user).
  const firstDelivery = useRef(codeDelivery);
  if (firstDelivery.current === null) firstDelivery.current = codeDelivery;
  const resent = codeDelivery !== firstDelivery.current;
  const { errorId, text, isInvalid } = useScreenError(error, {
    EmptyCode: 'code',
    CodeMismatch: 'code',
    ExpiredCode: 'code',
  });
  return (
    <ScreenForm
      screen="confirmSignUp"
      title={messages.confirmSignUpTitle}
      isPending={isPending}
      onSubmit={() => confirmSignUp(code)}
    >
      {codeDelivery?.destination && (
        <p data-part="destination">
          {format(messages.codeSentTo, { destination: codeDelivery.destination })}
        </p>
      )}
      <CodeInput
        label={messages.code}
        value={code}
        onChange={setCode}
        onComplete={confirmSignUp}
        length={6}
        disabled={isPending}
        invalid={isInvalid('code')}
        errorId={errorId}
        help={messages.codeHint}
        inputRef={codeField}
      />
      <ErrorMessage id={errorId} text={text} />
      <StatusMessage text={resent ? messages.codeResent : null} />
      <SubmitButton
        isPending={isPending}
        label={messages.confirm}
        pendingLabel={messages.checking}
      />
      <p data-part="resend">
        {messages.didNotGetCode}{' '}
        {/* Focusable while pending, like the submit button: pressed, it keeps focus. */}
        <button
          type="button"
          data-part="link"
          onClick={() => isPending || resendSignUpCode()}
          aria-disabled={isPending || undefined}
        >
          {messages.resendCode}
        </button>
      </p>
      <button type="button" data-part="link" onClick={goToSignIn} disabled={isPending}>
        {messages.backToSignIn}
      </button>
    </ScreenForm>
  );
}
