import { createContext, useContext, useEffect, useMemo, useRef } from 'react';
import { CustomAuthenticator } from '../../components/CustomAuthenticator.tsx';
import type { AnswerPartOption } from '../../components/challenge/answer-part.ts';
import type { Locale, MessageOverrides } from '../../components/messages/index.ts';
import { ErrorMessage } from '../../components/parts/ErrorMessage.tsx';
import { useScreenError } from '../../components/parts/useScreenError.ts';
import type { CustomAuthServices } from '../../machine/services.ts';
import { type CustomAuth, CustomAuthProvider, useCustomAuth } from '../../react/index.ts';

/** The step-up's own words, under the locale's: see `passkeyManagerEnglish`. */
export interface StepUpWords {
  title: string;
  tryAgain: string;
  cancel: string;
}

interface StepUpSignInProps {
  username: string;
  services: Partial<CustomAuthServices>;
  words: StepUpWords;
  challenges: Readonly<Record<string, AnswerPartOption>>;
  locale?: Locale | undefined;
  messages?: MessageOverrides | undefined;
  onDone: () => void;
  onCancel: () => void;
}

const select = ({ isPending, error, signIn }: CustomAuth) => ({ isPending, error, signIn });

/** What the step-up's screens need besides the statechart. */
const StepUpContext = createContext<Pick<StepUpSignInProps, 'username' | 'words' | 'onCancel'>>({
  username: '',
  words: { title: '', tryAgain: '', cancel: '' },
  onCancel: () => {},
});

/** Above every screen: why it asks. */
function StepUpHeader() {
  const { words } = useContext(StepUpContext);
  return (
    <h2 data-part="title" tabIndex={-1}>
      {words.title}
    </h2>
  );
}

/** Below every screen: the way out. */
function StepUpFooter() {
  const { words, onCancel } = useContext(StepUpContext);
  return (
    <button type="button" data-part="link" onClick={onCancel}>
      {words.cancel}
    </button>
  );
}

/**
 * In place of the username form: the sign-in starts at once for the signed-in user; if it
 * comes back here (an error, "Not you?"), the user may start it again.
 */
function StartStepUp() {
  const { username, words } = useContext(StepUpContext);
  const { isPending, error, signIn } = useCustomAuth(select);
  const { errorId, text } = useScreenError(error, {});
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    signIn({ username });
  }, [signIn, username]);
  return (
    <section data-part="step-up" aria-busy={isPending}>
      <ErrorMessage id={errorId} text={text} />
      {!isPending && (
        <button type="button" data-part="submit" onClick={() => signIn({ username })}>
          {words.tryAgain}
        </button>
      )}
    </section>
  );
}

/**
 * A step-up: the drop-in's sign-in screens on a statechart of their own, over services that
 * sign in beside the user's session (`stepUpServices`), for the user already signed in.
 * `onDone` once the sign-in has proved its factors.
 */
export function StepUpSignIn(props: StepUpSignInProps) {
  const { username, services, words, challenges, locale, messages, onDone, onCancel } = props;
  const components = useMemo(
    () => ({ challenges, Header: StepUpHeader, SignIn: StartStepUp, Footer: StepUpFooter }),
    [challenges],
  );
  const context = useMemo(() => ({ username, words, onCancel }), [username, words, onCancel]);
  return (
    <StepUpContext.Provider value={context}>
      <CustomAuthProvider services={services}>
        <CustomAuthenticator
          hideSignUp
          locale={locale}
          messages={messages}
          components={components}
          onSignIn={onDone}
        >
          {null}
        </CustomAuthenticator>
      </CustomAuthProvider>
    </StepUpContext.Provider>
  );
}
