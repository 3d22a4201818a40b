import { type CustomAuth, useCustomAuth } from '../../react/index.ts';
import { useAuthUi } from '../AuthUiContext.tsx';
import { ErrorMessage } from '../parts/ErrorMessage.tsx';
import { formatIsolated } from '../parts/formatIsolated.tsx';
import { SubmitButton } from '../parts/ScreenForm.tsx';
import { useScreenError } from '../parts/useScreenError.ts';

const select = ({ user, isPending, error, signOut }: CustomAuth) => ({
  user,
  isPending,
  error,
  signOut,
});

/**
 * The default signed-in view: who, and a way out. Its heading takes focus from script
 * (tabIndex -1): the drop-in moves focus there after a sign-in on the page.
 */
export function SignedInView() {
  const { user, isPending, error, signOut } = useCustomAuth(select);
  const { messages } = useAuthUi();
  const { errorId, text } = useScreenError(error, {});
  return (
    <section data-part="signed-in">
      <h2 data-part="title" tabIndex={-1}>
        {formatIsolated(messages.signedInAs, { username: user?.username ?? '' })}
      </h2>
      <ErrorMessage id={errorId} text={text} />
      <SubmitButton
        label={messages.signOut}
        pendingLabel={messages.signingOut}
        onClick={signOut}
        isPending={isPending}
      />
    </section>
  );
}
