import type { ChallengeControls } from '../../react/index.ts';
import { useAuthUi } from '../AuthUiContext.tsx';
import { errorText } from '../messages/index.ts';
import { ErrorMessage } from '../parts/ErrorMessage.tsx';
import { formatIsolated } from '../parts/formatIsolated.tsx';
import { ScreenForm } from '../parts/ScreenForm.tsx';
import { useFocusOnMount } from '../parts/useFocusOnMount.ts';

/**
 * The challenge screen once its time has run out: under the same title, that time ran out
 * (or why the new start failed), a new start for the same user ("Send a new code"), which
 * has focus, and a way back to sign-in. Its buttons stay focusable while the new start is
 * pending; the form ignores a second submit.
 */
export function ExpiredChallenge({
  challenge,
  username,
  isPending,
  error,
  errorProps,
  resend,
  cancel,
  title,
}: ChallengeControls & { title: string }) {
  const { messages } = useAuthUi();
  const restart = useFocusOnMount<HTMLButtonElement>();
  const text =
    error && error.code !== 'SessionExpired'
      ? errorText(messages, error)
      : messages.challengeExpired;
  return (
    <ScreenForm screen="challenge" title={title} isPending={isPending} onSubmit={resend}>
      <p data-part="user">{formatIsolated(messages.signingInAs, { username })}</p>
      <ErrorMessage id={errorProps.id} text={text} />
      <button ref={restart} type="submit" data-part="submit" aria-describedby={errorProps.id}>
        {challenge.type === 'code' ? messages.sendNewCode : messages.startAgain}
      </button>
      <button type="button" data-part="link" onClick={cancel}>
        {messages.backToSignIn}
      </button>
    </ScreenForm>
  );
}
