import { render, screen, waitFor } from '@testing-library/react';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { alice, challengeStep, cognitoError, fakeServices } from '../support/fake-services.ts';
import { renderAuthenticator } from '../support/render-authenticator.tsx';

/**
 * WCAG 2 A and AA rules. Colour contrast needs layout, which jsdom does not do; it is
 * checked where the styles render in a real browser.
 */
async function violations(container: HTMLElement) {
  const results = await axe.run(container, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    rules: { 'color-contrast': { enabled: false } },
  });
  return results.violations.map(
    ({ id, nodes }) => `${id}: ${nodes.map((node) => node.html).join(', ')}`,
  );
}

describe('accessibility of every screen (axe, WCAG 2 A and AA)', () => {
  it('catches what it should: an unlabelled field', async () => {
    const { container } = render(<input type="text" />);
    expect(await violations(container)).toEqual([expect.stringMatching(/^label:/)]);
  });

  it('sign in, with and without an error', async () => {
    const { container, user } = renderAuthenticator({ flow: 'passwordThenCode' });
    await screen.findByRole('form', { name: 'Sign in' });
    expect(await violations(container)).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByRole('alert').textContent).not.toBe('');
    expect(await violations(container)).toEqual([]);
  });

  it('challenge, after a wrong answer', async () => {
    const services = fakeServices({
      signIn: async () => challengeStep({ destination: 'a***@e***.com', codeLength: '6' }),
      confirmSignIn: async () => challengeStep({ attemptsLeft: '2' }),
    });
    const { container, user } = renderAuthenticator({}, services);
    await user.type(await screen.findByLabelText('Username'), 'alice{Enter}');
    await user.type(await screen.findByLabelText('Code'), '000000');
    await screen.findByText('Incorrect code. 2 attempts left.');
    expect(await violations(container)).toEqual([]);
  });

  it('challenge, expired', async () => {
    const { container, user } = renderAuthenticator({
      sessionValidityMs: 5_200,
      expiryMarginMs: 5_000,
    });
    await user.type(await screen.findByLabelText('Username'), 'alice{Enter}');
    await screen.findByRole('button', { name: 'Send a new code' }, { timeout: 2_000 });
    expect(await violations(container)).toEqual([]);
  });

  it('sign up and confirm sign up, with errors', async () => {
    const services = fakeServices();
    services.confirmSignUp.mockRejectedValueOnce(cognitoError('CodeMismatchException'));
    const { container, user } = renderAuthenticator(
      {
        initialRoute: 'signUp',
        signUpAttributes: ['email', { name: 'phone_number', required: false }],
      },
      services,
    );
    await screen.findByRole('form', { name: 'Create account' });
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await violations(container)).toEqual([]);
    await user.type(screen.getByLabelText('Username'), 'alice');
    await user.type(screen.getByLabelText('Email'), 'a@example.com{Enter}');
    await user.type(await screen.findByLabelText('Code'), '000000');
    await waitFor(() => expect(screen.getByRole('alert').textContent).not.toBe(''));
    expect(await violations(container)).toEqual([]);
  });

  it('sign up with the password rules, and with every field flagged', async () => {
    const { container, user } = renderAuthenticator({
      flow: 'passwordThenCode',
      initialRoute: 'signUp',
      signUpAttributes: ['email', 'phone_number'],
    });
    await screen.findByRole('form', { name: 'Create account' });
    expect(await violations(container)).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(screen.getAllByRole('textbox', { description: /./ })).toHaveLength(3);
    expect(await violations(container)).toEqual([]);
  });

  it('signed in, and loading', async () => {
    const { container } = renderAuthenticator(
      {},
      fakeServices({ getCurrentUser: async () => alice }),
    );
    expect(screen.getByRole('status')).toBeTruthy();
    expect(await violations(container)).toEqual([]);
    await screen.findByRole('heading', { name: 'Signed in as alice' });
    expect(await violations(container)).toEqual([]);
  });
});
