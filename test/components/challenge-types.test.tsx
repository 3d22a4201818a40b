import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ChallengeControls } from '../../src/index.ts';
import { challengeStep, fakeServices } from '../support/fake-services.ts';
import { renderAuthenticator } from '../support/render-authenticator.tsx';

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
    expect(screen.getByText('We sent a code to +*******1234.')).toBeTruthy();
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
    expect(screen.getByText('Signing in as alice.')).toBeTruthy();
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
