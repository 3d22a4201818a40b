import { type CustomAuth, useCustomAuth } from '../../react/index.ts';
import { useAuthUi } from '../AuthUiContext.tsx';
import { format } from '../messages/index.ts';
import { ErrorMessage } from '../parts/ErrorMessage.tsx';
import { SubmitButton } from '../parts/ScreenForm.tsx';
import { useFocusOnMount } from '../parts/useFocusOnMount.ts';
import { useScreenError } from '../parts/useScreenError.ts';

const select = ({ user, isPending, error, signOut }: CustomAuth) => ({
  user,
  isPending,
  error,
  signOut,
});

/** The default signed-in view: who, and a way out. */
export function SignedInView() {
  const { user, isPending, error, signOut } = useCustomAuth(select);
  const { messages } = useAuthUi();
  const button = useFocusOnMount<HTMLButtonElement>();
  const { errorId, text } = useScreenError(error, {});
  return (
    <section data-part="signed-in">
      <p data-part="greeting">{format(messages.signedInAs, { username: user?.username ?? '' })}</p>
      <ErrorMessage id={errorId} text={text} />
      <SubmitButton
        label={messages.signOut}
        pendingLabel={messages.signingOut}
        onClick={signOut}
        isPending={isPending}
        buttonRef={button}
      />
    </section>
  );
}
