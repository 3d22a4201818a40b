import { type FormEvent, useId, useState } from 'react';
import { en, errorText, useCustomAuth } from '../src/index.ts';

/** A whole sign-in built on `useCustomAuth` alone: no screens or styles from the kit. */
export function HeadlessSignIn() {
  const {
    route,
    isPending,
    error,
    challenge,
    user,
    signIn,
    answerChallenge,
    resendChallenge,
    signOut,
  } = useCustomAuth();
  const [value, setValue] = useState('');
  const fieldId = useId();
  const errorId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (route === 'challenge') answerChallenge(value);
    else signIn({ username: value });
    setValue('');
  };

  if (route === 'initializing') return <p role="status">Checking your session…</p>;
  if (route === 'signedIn') {
    return (
      <section aria-label="Account">
        <p>You are {user?.username}.</p>
        <button type="button" onClick={signOut} disabled={isPending}>
          Leave
        </button>
      </section>
    );
  }
  const inChallenge = route === 'challenge';
  return (
    <form
      aria-label={inChallenge ? 'One-time code' : 'Log in'}
      aria-busy={isPending}
      onSubmit={submit}
    >
      {inChallenge && challenge?.hint && <p>{challenge.hint}</p>}
      <label htmlFor={fieldId}>{inChallenge ? 'Your code' : 'Your username'}</label>
      <input
        id={fieldId}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        autoComplete={inChallenge ? 'one-time-code' : 'username'}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        disabled={isPending}
      />
      <p id={errorId} role="alert">
        {error && errorText(en, error)}
      </p>
      <button type="submit" disabled={isPending}>
        Continue
      </button>
      {inChallenge && (
        <button type="button" onClick={resendChallenge} disabled={isPending}>
          Send another code
        </button>
      )}
    </form>
  );
}
