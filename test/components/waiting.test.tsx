import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SignInStep } from '../../src/index.ts';
import { never } from '../support/fake-backend.ts';
import { alice, challengeStep, deferred, fakeServices } from '../support/fake-services.ts';
import { renderAuthenticator } from '../support/render-authenticator.tsx';

type User = ReturnType<typeof renderAuthenticator>['user'];

async function signInAs(user: User) {
  await user.type(await screen.findByLabelText('Username'), 'alice');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
  return screen.findByRole('form', { name: 'Enter your code' });
}

/** The pressed button says what it does, keeps focus, and takes no second press. */
function expectWorking(name: string) {
  const button = screen.getByRole('button', { name });
  expect(button.getAttribute('aria-disabled')).toBe('true');
  expect(button.getAttribute('data-state')).toBe('pending');
  expect((button as HTMLButtonElement).disabled).toBe(false);
  expect(document.activeElement).toBe(button);
  return button;
}

describe('<CustomAuthenticator> while a request is pending', () => {
  it('says "Signing in…" on the sign-in button, which keeps focus and ignores presses', async () => {
    const services = fakeServices({ signIn: never });
    const { user } = renderAuthenticator({}, services);
    await user.type(await screen.findByLabelText('Username'), 'alice');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    const button = expectWorking('Signing in…');
    await user.click(button);
    await user.keyboard('{Enter}');
    expect(services.signIn).toHaveBeenCalledTimes(1);
  });

  it('moves focus from a field that Enter submitted, and disabled, to the button', async () => {
    const { user } = renderAuthenticator({}, fakeServices({ signIn: never }));
    await user.type(await screen.findByLabelText('Username'), 'alice{Enter}');
    await waitFor(() => expectWorking('Signing in…'));
  });

  it('says "Checking…" on Confirm, and "Not you?" still cancels, back to sign-in', async () => {
    const services = fakeServices({ confirmSignIn: never });
    const { user } = renderAuthenticator({}, services);
    await signInAs(user);
    await user.type(screen.getByLabelText('Code'), '1234');
    await user.click(screen.getByRole('button', { name: 'Confirm' }));
    expectWorking('Checking…');

    await user.click(screen.getByRole('button', { name: 'Not you?' }));
    const username = (await screen.findByLabelText('Username')) as HTMLInputElement;
    expect(username.value).toBe('alice');
    expect(screen.getByRole('button', { name: 'Sign in' }).getAttribute('aria-disabled')).toBe(
      null,
    );
  });

  it('shows the spinner on the button pressed only: not on Confirm during a resend', async () => {
    const services = fakeServices();
    const { user } = renderAuthenticator({ resendCooldownMs: 0 }, services);
    await signInAs(user);
    services.signIn.mockImplementation(never);
    await user.click(screen.getByRole('button', { name: /Resend/ }));
    const confirm = screen.getByRole('button', { name: 'Confirm' });
    expect(confirm.getAttribute('aria-disabled')).toBe('true');
    expect(confirm.getAttribute('data-state')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Checking…' })).toBeNull();
  });

  it('says "Signing out…" on the sign-out button, which keeps focus', async () => {
    const services = fakeServices({ signOut: never });
    const { user } = renderAuthenticator({}, services);
    await signInAs(user);
    await user.type(screen.getByLabelText('Code'), '123456');
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    const button = expectWorking('Signing out…');
    await user.click(button);
    expect(services.signOut).toHaveBeenCalledTimes(1);
  });

  it('says "Creating account…" on the sign-up button', async () => {
    const services = fakeServices();
    const { user } = renderAuthenticator({}, services);
    await user.click(await screen.findByRole('button', { name: 'No account? Create one' }));
    await user.type(screen.getByLabelText('Username'), 'carol');
    await user.type(screen.getByLabelText('Email'), 'carol@example.com');
    services.signUp.mockImplementationOnce(() => never());
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expectWorking('Creating account…');
  });

  it('keeps focus on a pressed Resend code while confirming a sign-up, Confirm without the spinner', async () => {
    const services = fakeServices({ confirmSignUp: never, resendSignUpCode: never });
    const { user } = renderAuthenticator({}, services);
    await user.click(await screen.findByRole('button', { name: 'No account? Create one' }));
    await user.type(screen.getByLabelText('Username'), 'carol');
    await user.type(screen.getByLabelText('Email'), 'carol@example.com');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    await screen.findByRole('form', { name: 'Confirm your account' });
    const resend = screen.getByRole('button', { name: 'Resend code' });
    await user.click(resend);
    expect(resend.getAttribute('aria-disabled')).toBe('true');
    expect(document.activeElement).toBe(resend);
    expect(screen.getByRole('button', { name: 'Confirm' }).getAttribute('data-state')).toBeNull();
    await user.click(resend);
    expect(services.resendSignUpCode).toHaveBeenCalledTimes(1);
  });
});

describe('<CustomAuthenticator> when a request does not answer', () => {
  it('shows the Network error on the form as it was, and pressing again retries', async () => {
    const first = deferred<SignInStep>();
    const services = fakeServices({ signIn: () => first.promise });
    const { user } = renderAuthenticator({ callTimeoutMs: 50 }, services);
    await user.type(await screen.findByLabelText('Username'), 'alice');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    const button = await screen.findByRole('button', { name: 'Sign in' }, { timeout: 1000 });
    expect(screen.getByRole('alert').textContent).toMatch(/Cannot reach the sign-in service/);
    expect(document.activeElement).toBe(button);
    expect((screen.getByLabelText('Username') as HTMLInputElement).value).toBe('alice');

    services.signIn.mockImplementation(async () => challengeStep());
    await user.click(button);
    // The call given up on still runs: the retry waits until it has answered.
    await act(async () => first.resolve(challengeStep({ hint: 'late' })));
    await screen.findByRole('form', { name: 'Enter your code' });
    expect(screen.queryByText('late')).toBeNull();
    expect(services.signIn).toHaveBeenCalledTimes(2);
  });

  it('undoes a sign-in that an answer cancelled with "Not you?" completes late', async () => {
    const late = deferred<SignInStep>();
    const services = fakeServices({ confirmSignIn: () => late.promise });
    const { user } = renderAuthenticator({}, services);
    await signInAs(user);
    await user.type(screen.getByLabelText('Code'), '123456');
    await user.click(screen.getByRole('button', { name: 'Not you?' }));
    await screen.findByLabelText('Username');
    await act(async () => late.resolve({ type: 'done', user: alice }));
    expect(services.signOut).toHaveBeenCalledTimes(1);
    expect(screen.queryByText('Signed in as alice')).toBeNull();
  });
});
