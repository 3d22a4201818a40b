import { Amplify } from 'aws-amplify';
import { useMemo, useState } from 'react';
import {
  CaptchaChallenge,
  ChoiceChallenge,
  CustomAuthenticator,
  PasskeyManager,
  passkeyAutofillSignIn,
  passkeyEnrollmentPart,
  passkeyPart,
  signInLinks,
  signUpWithAmplify,
} from '../src/index.ts';
import type { AuthSetup } from './auth-setup.ts';
import { DevInbox } from './DevInbox.tsx';
import { clientIdOf, type DemoFlow, demoFlows } from './flows.ts';

const challenges = {
  choice: ChoiceChallenge,
  captcha: CaptchaChallenge,
  passkey: passkeyPart,
  passkeyEnrollment: passkeyEnrollmentPart,
};

/** Called once, at start: a sign-in link leaves the address bar before anything renders. */
const services = signInLinks();

/** A phone number lets the email-or-SMS flow offer SMS. */
const signUpAttributes = [
  'email',
  { name: 'phone_number', label: 'Phone number (+15551234567)', required: false, type: 'tel' },
] as const;

/** A real pool has one app client here, so only the presets; the local pool runs them all. */
export const flowsFor = (setup: AuthSetup) =>
  setup.kind === 'local' ? demoFlows : demoFlows.filter((flow) => !flow.chain);

/** The flow in the URL (so a reload keeps it), else the first. */
export function flowFromUrl(setup: AuthSetup): DemoFlow {
  const id = new URLSearchParams(window.location.search).get('flow');
  const flows = flowsFor(setup);
  return flows.find((flow) => flow.id === id) ?? (flows[0] as DemoFlow);
}

/** Points Amplify at the app client whose sign-ins run the flow. */
export function configureAmplify(setup: AuthSetup, flow: DemoFlow): void {
  const { Cognito } = setup.amplify.Auth;
  const userPoolClientId = flow.chain ? clientIdOf(flow) : Cognito.userPoolClientId;
  Amplify.configure({ Auth: { Cognito: { ...Cognito, userPoolClientId } } });
}

function useFlow(setup: AuthSetup, initial: DemoFlow) {
  const [flow, setFlow] = useState(initial);
  const choose = (next: DemoFlow) => {
    const url = new URL(window.location.href);
    url.searchParams.set('flow', next.id);
    window.history.replaceState(null, '', url);
    configureAmplify(setup, next);
    setFlow(next);
  };
  return [flow, choose] as const;
}

/** Passkeys in the username's autofill, where the setup names the challenge handler. */
function usePasskeyAutofill(setup: AuthSetup, flow: DemoFlow) {
  const { passkeyChallengeUrl } = setup;
  const autofill = useMemo(
    () =>
      passkeyChallengeUrl
        ? passkeyAutofillSignIn({ challengeUrl: passkeyChallengeUrl, services })
        : null,
    [passkeyChallengeUrl],
  );
  return flow.passkeyAutofill ? autofill : null;
}

export function App({ setup, initialFlow }: { setup: AuthSetup; initialFlow: DemoFlow }) {
  const [flow, setFlow] = useFlow(setup, initialFlow);
  const autofill = usePasskeyAutofill(setup, flow);
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
          {flowsFor(setup).map((option) => (
            <label key={option.id}>
              <input
                type="radio"
                name="flow"
                value={option.id}
                checked={flow.id === option.id}
                onChange={() => setFlow(option)}
              />{' '}
              {option.label}
            </label>
          ))}
        </fieldset>
      </header>
      <main>
        <CustomAuthenticator
          key={flow.id}
          flow={flow.flow}
          signUp={signUpWithAmplify}
          services={autofill?.services ?? services}
          signUpAttributes={signUpAttributes}
          components={autofill ? { challenges, SignIn: autofill.SignIn } : { challenges }}
        >
          {({ user, signOut }) => (
            <section className="demo-app" aria-labelledby="welcome">
              <h2 id="welcome">Welcome, {user.username}</h2>
              <p>This page is only shown to signed-in users.</p>
              {flow.passkeys && setup.passkeyManagementUrl && (
                <PasskeyManager url={setup.passkeyManagementUrl} challenges={challenges} />
              )}
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
