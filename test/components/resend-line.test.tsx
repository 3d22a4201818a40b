import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SignInStep } from '../../src/machine/index.ts';
import { challengeStep, fakeServices } from '../support/fake-services.ts';
import { renderAuthenticator } from '../support/render-authenticator.tsx';

const deliveryChoice = challengeStep({
  type: 'choice',
  purpose: 'delivery',
  options: JSON.stringify([
    { value: 'email', label: 'Email a***@e***.com' },
    { value: 'sms', label: 'Text +*******4567' },
  ]),
});
const codeBy = (deliveryMedium: 'EMAIL' | 'SMS', channels = 'email,sms') =>
  challengeStep({
    deliveryMedium,
    channels,
    destination: deliveryMedium === 'SMS' ? '+*******4567' : 'a***@e***.com',
  });
const never = () => new Promise<SignInStep>(() => {});

async function atCode(first: SignInStep, props = {}) {
  const services = fakeServices({
    signIn: async () => (services.signIn.mock.calls.length > 1 ? deliveryChoice : first),
    confirmSignIn: async (answer) => codeBy(answer === 'sms' ? 'SMS' : 'EMAIL'),
  });
  const view = renderAuthenticator({ resendCooldownMs: 30_000, ...props }, services);
  await view.user.type(await screen.findByLabelText('Username'), 'alice{Enter}');
  await screen.findByRole('form', { name: 'Check your email' });
  return view;
}

describe('<CustomAuthenticator> the resend line under the code', () => {
  it('asks "Didn\'t get it?" right under the field, before Confirm, with the wait in the name', async () => {
    await atCode(codeBy('EMAIL', ''));
    const field = screen.getByLabelText('Code');
    const line = screen.getByText(/^Didn't get it\?/);
    const resend = within(line).getByRole('button', { name: 'Resend code in 30 s' });
    const confirm = screen.getByRole('button', { name: 'Confirm' });
    const follows = (a: Node, b: Node) =>
      Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
    expect(follows(field, line) && follows(resend, confirm)).toBe(true);
    // Nothing to switch to without a choice of channel before the code.
    expect(screen.queryByRole('button', { name: /instead$/ })).toBeNull();
  });

  it('sends by SMS instead after a choice, at once, and then offers email back', async () => {
    const { user, services } = await atCode(codeBy('EMAIL'));
    expect(screen.queryByRole('button', { name: 'Send by email instead' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Send by SMS instead' }));
    await screen.findByRole('form', { name: 'Check your phone' });
    expect(services.confirmSignIn).toHaveBeenCalledWith('sms', { choice: 'sms' });
    expect(document.querySelector('[data-part="destination"]')?.textContent).toBe(
      'We sent a code to +*******4567.',
    );
    expect(screen.getByRole('status').textContent).toBe('We sent you a new code.');
    expect(screen.getByRole('button', { name: 'Send by email instead' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Send by SMS instead' })).toBeNull();
  });

  it('keeps focus on a pressed resend while its request is pending', async () => {
    const { user, services } = await atCode(codeBy('EMAIL'), { resendCooldownMs: 0 });
    services.signIn.mockImplementation(never);
    const instead = screen.getByRole('button', { name: 'Send by SMS instead' });
    await user.click(instead);
    await waitFor(() => expect(instead.getAttribute('aria-disabled')).toBe('true'));
    expect(document.activeElement).toBe(instead);
    const resend = screen.getByRole('button', { name: 'Resend code' });
    expect(resend.getAttribute('aria-disabled')).toBe('true');
    await user.click(resend);
    await user.click(instead);
    expect(services.signIn).toHaveBeenCalledTimes(2);
  });
});
