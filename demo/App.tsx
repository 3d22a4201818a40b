import { useState } from 'react';
import { CustomAuthenticator, type CustomAuthFlow, signUpWithAmplify } from '../src/index.ts';
import type { AuthSetup } from './auth-setup.ts';
import { DevInbox } from './DevInbox.tsx';

const flows: Array<{ value: CustomAuthFlow; label: string }> = [
  { value: 'passwordless', label: 'Passwordless (code only)' },
  { value: 'passwordThenCode', label: 'Password, then code' },
];

function flowFromUrl(): CustomAuthFlow {
  return new URLSearchParams(window.location.search).get('flow') === 'passwordThenCode'
    ? 'passwordThenCode'
    : 'passwordless';
}

/** The flow lives in the URL, so a reload keeps it. */
function useFlow() {
  const [flow, setFlow] = useState(flowFromUrl);
  const choose = (next: CustomAuthFlow) => {
    const url = new URL(window.location.href);
    url.searchParams.set('flow', next);
    window.history.replaceState(null, '', url);
    setFlow(next);
  };
  return [flow, choose] as const;
}

export function App({ setup }: { setup: AuthSetup }) {
  const [flow, setFlow] = useFlow();
  return (
    <div className="demo">
      <header className="demo-header">
        <h1>cognito-custom-auth</h1>
        <p>
          {setup.kind === 'local'
            ? `Signing in against the local user pool at ${setup.poolUrl}.`
            : 'Signing in against your Cognito user pool.'}
        </p>
        <fieldset className="demo-flow">
          <legend>Sign-in flow</legend>
          {flows.map(({ value, label }) => (
            <label key={value}>
              <input
                type="radio"
                name="flow"
                value={value}
                checked={flow === value}
                onChange={() => setFlow(value)}
              />{' '}
              {label}
            </label>
          ))}
        </fieldset>
      </header>
      <main>
        <CustomAuthenticator
          key={flow}
          flow={flow}
          signUp={signUpWithAmplify}
          signUpAttributes={['email']}
        >
          {({ user, signOut }) => (
            <section className="demo-app" aria-labelledby="welcome">
              <h2 id="welcome">Welcome, {user.username}</h2>
              <p>This page is only shown to signed-in users.</p>
              <button type="button" onClick={signOut}>
                Sign out
              </button>
            </section>
          )}
        </CustomAuthenticator>
      </main>
      {setup.kind === 'local' && <DevInbox poolUrl={setup.poolUrl} />}
    </div>
  );
}
