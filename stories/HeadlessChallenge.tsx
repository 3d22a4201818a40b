import { en, errorText, useChallenge } from '../src/index.ts';

/** A challenge screen of an app's own, in about 20 lines of `useChallenge`. */
export function HeadlessChallenge() {
  const c = useChallenge();
  if (!c) return null;
  const { challenge } = c;
  return (
    <form
      aria-label="Verification"
      aria-busy={c.isPending}
      onSubmit={(event) => {
        event.preventDefault();
        c.submit();
      }}
    >
      {challenge.steps && <p>{`Part ${challenge.step} of ${challenge.steps}`}</p>}
      {challenge.hint && <p {...c.hintProps}>{challenge.hint}</p>}
      <label htmlFor={c.labelProps.htmlFor}>Your answer</label>
      <input
        {...c.fieldProps}
        type={challenge.type === 'text' && challenge.secret ? 'password' : 'text'}
      />
      <p {...c.errorProps}>{c.error && errorText(en, c.error)}</p>
      <button type="submit" disabled={c.isPending}>
        Verify
      </button>
      <button type="button" onClick={c.cancel}>{`Not ${c.username}?`}</button>
    </form>
  );
}
