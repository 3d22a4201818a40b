import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LOCAL_CAPTCHA_TOKEN } from '../../src/challenges/captcha/protocol.ts';
import {
  CaptchaChallenge,
  type CaptchaWidgetProps,
  type ChallengeControls,
  ChoiceChallenge,
} from '../../src/index.ts';
import { challengeStep, fakeServices } from '../support/fake-services.ts';
import { renderAuthenticator } from '../support/render-authenticator.tsx';
import { wholeText } from '../support/text.ts';

async function startWith(parameters: Record<string, string>, props = {}) {
  const services = fakeServices({ signIn: async () => challengeStep(parameters) });
  const rendered = renderAuthenticator(props, services);
  await rendered.user.type(await screen.findByLabelText('Username'), 'alice{Enter}');
  await waitFor(() => expect(document.querySelector('[data-screen="challenge"]')).not.toBeNull());
  return rendered;
}

const form = () => screen.getByRole('form');

function Retina({ challenge, submit }: ChallengeControls) {
  return (
    <button type="button" onClick={() => submit(`scan:${challenge.name}`)}>
      Scan
    </button>
  );
}

const MyCode = ({ submit }: ChallengeControls) => (
  <button type="button" onClick={() => submit('from-my-code')}>
    Mine
  </button>
);

describe('<CustomAuthenticator> challenge types', () => {
  it('titles a code by where it went, says where, and offers a resend', async () => {
    await startWith({ type: 'code', deliveryMedium: 'SMS', destination: '+*******1234' });
    expect(form().getAttribute('aria-labelledby')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Check your phone' })).toBeTruthy();
    expect(screen.getByText(wholeText('We sent a code to +*******1234.'))).toBeTruthy();
    expect(screen.getByRole('button', { name: /^Resend code/ })).toBeTruthy();
  });

  it('masks a secret text answer, with no resend, and says who is signing in', async () => {
    const { user, services } = await startWith({
      type: 'text',
      hint: 'Your first pet’s name?',
      secret: 'true',
      autocomplete: 'off',
    });
    expect(screen.getByRole('heading', { name: 'Confirm it’s you' })).toBeTruthy();
    expect(screen.getByText(wholeText('Signing in as alice. Not you?'))).toBeTruthy();
    const answer = screen.getByLabelText('Answer') as HTMLInputElement;
    expect(answer.type).toBe('password');
    expect(answer.getAttribute('autocomplete')).toBe('off');
    expect(document.activeElement).toBe(answer);
    expect(screen.queryByRole('button', { name: /^Resend code/ })).toBeNull();
    await user.type(answer, 'Rex{Enter}');
    expect(services.confirmSignIn).toHaveBeenCalledWith('Rex');
  });

  it('shows the step of a chain', async () => {
    await startWith({ type: 'text', hint: 'Your first pet?', step: '2', steps: '3' });
    expect(screen.getByText('Step 2 of 3')).toBeTruthy();
  });

  it('renders an app’s own type with the component registered for it', async () => {
    const { user, services } = await startWith(
      { type: 'retina', hint: 'Look at the camera' },
      { components: { challenges: { retina: Retina } } },
    );
    expect(screen.getByText('Look at the camera')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Scan' }));
    expect(services.confirmSignIn).toHaveBeenCalledWith('scan:retina');
  });

  it.each(['constructor', '__proto__', 'toString'])(
    'answers a type named %s as free text, not with what objects inherit',
    async (type) => {
      await startWith({ type, hint: 'Say the passphrase' });
      expect(screen.getByLabelText('Answer')).toBeTruthy();
    },
  );

  it('answers an unregistered type as free text, with the hint', async () => {
    const { user, services } = await startWith({ type: 'retina', hint: 'Say the passphrase' });
    expect(screen.getByText('Say the passphrase')).toBeTruthy();
    await user.type(screen.getByLabelText('Answer'), 'open sesame{Enter}');
    expect(services.confirmSignIn).toHaveBeenCalledWith('open sesame');
  });

  it('replaces a built-in type by name', async () => {
    const { user, services } = await startWith(
      { type: 'code' },
      { components: { challenges: { code: MyCode } } },
    );
    expect(screen.queryByLabelText('Code')).toBeNull();
    await user.click(within(form()).getByRole('button', { name: 'Mine' }));
    expect(services.confirmSignIn).toHaveBeenCalledWith('from-my-code');
  });
});

const channels = JSON.stringify([
  { value: 'email', label: 'Email a***@e***.com' },
  { value: 'sms', label: 'Text +*******1234' },
]);

function FakeTurnstile({ siteKey, action, onToken }: CaptchaWidgetProps) {
  return (
    <button type="button" onClick={() => onToken(`token-for-${siteKey}-${action ?? 'any'}`)}>
      Verify with Turnstile
    </button>
  );
}

const Captcha = (props: ChallengeControls) => (
  <CaptchaChallenge {...props} widgets={{ turnstile: FakeTurnstile }} />
);

const optIn = { components: { challenges: { choice: ChoiceChallenge, captcha: Captcha } } };

describe('<CustomAuthenticator> opt-in answer parts', () => {
  it('picks one option by keyboard alone, in a named group', async () => {
    const { user, services } = await startWith(
      { type: 'choice', hint: 'Where should we send your code?', options: channels },
      optIn,
    );
    const group = screen.getByRole('group', { name: 'Choose one' });
    const [email, sms] = within(group).getAllByRole('radio') as HTMLInputElement[];
    expect(email?.getAttribute('aria-label') ?? email?.labels?.[0]?.textContent).toBe(
      'Email a***@e***.com',
    );
    await waitFor(() => expect(document.activeElement).toBe(email));
    await user.keyboard('{ArrowDown}');
    expect(sms?.checked).toBe(true);
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Continue' }));
    await user.keyboard('{Enter}');
    expect(services.confirmSignIn).toHaveBeenCalledWith('sms', { choice: 'sms' });
  });

  it('names the button by what it does: Send code when the choice is where a code goes', async () => {
    const { user, services } = await startWith(
      { type: 'choice', purpose: 'delivery', options: channels },
      optIn,
    );
    expect(screen.queryByRole('button', { name: 'Confirm' })).toBeNull();
    await user.click(screen.getByLabelText('Text +*******1234'));
    await user.click(screen.getByRole('button', { name: 'Send code' }));
    expect(services.confirmSignIn).toHaveBeenCalledWith('sms', { choice: 'sms' });
  });

  it('falls back to a free answer when the options did not arrive intact', async () => {
    await startWith({ type: 'choice', hint: 'Pick', options: '[{"value":1}]' }, optIn);
    expect(screen.queryByRole('group')).toBeNull();
    expect(screen.getByLabelText('Answer')).toBeTruthy();
  });

  it('answers the local CAPTCHA with its token as soon as it is ticked', async () => {
    const { user, services } = await startWith(
      { type: 'captcha', provider: 'local', siteKey: 'local' },
      optIn,
    );
    expect(screen.queryByRole('button', { name: 'Confirm' })).toBeNull();
    const box = screen.getByRole('checkbox', { name: 'I am a person (local test check)' });
    await waitFor(() => expect(document.activeElement).toBe(box));
    await user.keyboard(' ');
    expect(services.confirmSignIn).toHaveBeenCalledWith(LOCAL_CAPTCHA_TOKEN);
  });

  it('renders the widget an app gives for its provider, and says so when there is none', async () => {
    const { user, services } = await startWith(
      { type: 'captcha', provider: 'turnstile', siteKey: 'site-1' },
      optIn,
    );
    await user.click(screen.getByRole('button', { name: 'Verify with Turnstile' }));
    expect(services.confirmSignIn).toHaveBeenCalledWith('token-for-site-1-any');
  });

  it('hands the widget the action the trigger checks tokens for', async () => {
    const { user, services } = await startWith(
      { type: 'captcha', provider: 'turnstile', siteKey: 'site-1', action: 'login' },
      optIn,
    );
    await user.click(screen.getByRole('button', { name: 'Verify with Turnstile' }));
    expect(services.confirmSignIn).toHaveBeenCalledWith('token-for-site-1-login');
  });

  it('says when no widget can be shown for the provider', async () => {
    await startWith({ type: 'captcha', provider: 'hcaptcha', siteKey: 'k' }, optIn);
    expect(screen.getByText('This check cannot be shown here. Try again later.')).toBeTruthy();
  });
});

describe('<CustomAuthenticator> sign-up is opt-in', () => {
  it('offers no sign-up without the signUp option, even when asked to start there', async () => {
    renderAuthenticator({ signUp: undefined, initialRoute: 'signUp' });
    expect(await screen.findByRole('form', { name: 'Sign in' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'No account? Create one' })).toBeNull();
  });

  it('offers it with the option', async () => {
    renderAuthenticator();
    expect(await screen.findByRole('button', { name: 'No account? Create one' })).toBeTruthy();
  });
});
