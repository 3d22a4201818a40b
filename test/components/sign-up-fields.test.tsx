import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { de, en } from '../../src/index.ts';
import { descriptionOf } from '../support/description.ts';
import { cognitoError, fakeServices } from '../support/fake-services.ts';
import { renderAuthenticator } from '../support/render-authenticator.tsx';

const signUpScreen = () => screen.findByRole('form', { name: 'Create account' });

/** The ids a field's aria-describedby names. */
const describedIds = (element: HTMLElement) =>
  (element.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);

describe('sign-up checks every field at once', () => {
  it('flags each empty field under itself, and focuses the first', async () => {
    const { user, services } = renderAuthenticator({
      flow: 'passwordThenCode',
      initialRoute: 'signUp',
      signUpAttributes: ['email', 'phone_number'],
    });
    await signUpScreen();
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    const expected = {
      Username: 'Enter your username.',
      Password: 'Enter your password.',
      Email: 'Email is required.',
      'Phone number': 'Phone number is required.',
    };
    const messageIds = new Set<string>();
    for (const [label, message] of Object.entries(expected)) {
      const field = screen.getByLabelText(label);
      expect(field.getAttribute('aria-invalid'), label).toBe('true');
      const own = screen.getByText(message);
      expect(describedIds(field), label).toContain(own.id);
      // Under its own field, inside the field's part.
      expect(field.closest('[data-part="field"]')?.contains(own), label).toBe(true);
      messageIds.add(own.id);
    }
    expect(messageIds.size).toBe(4);
    expect(document.activeElement).toBe(screen.getByLabelText('Username'));
    expect(screen.getByRole('alert').textContent).toBe('');
    expect(services.signUp).not.toHaveBeenCalled();
  });

  it('focuses the first field in error on a later submit, and clears the fields put right', async () => {
    const { user, services } = renderAuthenticator({ initialRoute: 'signUp' });
    await signUpScreen();
    await user.type(screen.getByLabelText('Username'), 'alice{Enter}');
    expect(document.activeElement).toBe(screen.getByLabelText('Email'));
    expect(screen.getByLabelText('Username').getAttribute('aria-invalid')).toBeNull();

    await user.type(screen.getByLabelText('Email'), 'alice@example.com{Enter}');
    await screen.findByRole('form', { name: 'Confirm your account' });
    expect(services.signUp).toHaveBeenCalledTimes(1);
  });

  it('checks the password against the rules before asking the pool', async () => {
    const { user, services } = renderAuthenticator({
      flow: 'passwordThenCode',
      initialRoute: 'signUp',
    });
    await signUpScreen();
    await user.type(screen.getByLabelText('Password'), 'short');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    const password = screen.getByLabelText('Password');
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(descriptionOf(password)).toContain('That password does not meet the requirements.');
    expect(screen.getByLabelText('Username').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBe('true');
    expect(services.signUp).not.toHaveBeenCalled();
  });
});

describe('sign-up’s password rules', () => {
  it('are shown under the password field before any submit: Cognito’s default policy', async () => {
    renderAuthenticator({ flow: 'passwordThenCode', initialRoute: 'signUp' });
    await signUpScreen();
    const rules =
      'Your password needs at least 8 characters, an uppercase letter, a lowercase letter, a number, and a symbol.';
    expect(descriptionOf(screen.getByLabelText('Password'))).toBe(rules);
    expect(screen.getByText(rules)).toBeTruthy();
  });

  it('follow the pool’s policy when the app passes it, in the chosen language', async () => {
    const { user, services } = renderAuthenticator({
      initialRoute: 'signUp',
      signUpPassword: true,
      locale: de,
      passwordPolicy: { minLength: 12, requireNumbers: true },
    });
    await screen.findByRole('form', { name: 'Konto erstellen' });
    const password = screen.getByLabelText('Passwort');
    expect(descriptionOf(password)).toBe(
      'Ihr Passwort braucht mindestens 12 Zeichen und eine Ziffer.',
    );
    await user.type(screen.getByLabelText('Benutzername'), 'alice');
    await user.type(screen.getByLabelText('E-Mail'), 'a@example.com');
    // Long enough and with a number: no capital or symbol is asked for.
    await user.type(password, 'plain words 1{Enter}');
    await screen.findByRole('form', { name: de.confirmSignUpTitle });
    expect(services.signUp.mock.calls[0]?.[0].password).toBe('plain words 1');
  });

  it('say nothing for a policy without rules, and no field is shown without a password', async () => {
    const first = renderAuthenticator({
      initialRoute: 'signUp',
      signUpPassword: true,
      passwordPolicy: {},
    });
    await signUpScreen();
    expect(screen.getByLabelText('Password').getAttribute('aria-describedby')).toBeNull();
    first.unmount();
    renderAuthenticator({ initialRoute: 'signUp' });
    await signUpScreen();
    expect(screen.queryByLabelText('Password')).toBeNull();
    expect(screen.queryByText(/Your password needs/)).toBeNull();
  });
});

describe('sign-up’s errors from the pool', () => {
  it('shows a username taken under the username field, and others in the form’s alert', async () => {
    const services = fakeServices({
      signUp: async () => {
        throw cognitoError('UsernameExistsException', 'User already exists');
      },
    });
    const { user } = renderAuthenticator({ initialRoute: 'signUp' }, services);
    await signUpScreen();
    await user.type(screen.getByLabelText('Username'), 'alice');
    await user.type(screen.getByLabelText('Email'), 'a@example.com{Enter}');
    const username = screen.getByLabelText('Username');
    await waitFor(() => expect(username.getAttribute('aria-invalid')).toBe('true'));
    expect(descriptionOf(username)).toBe(en.errors.UsernameExists);
    expect(screen.getByRole('alert').textContent).toBe('');
    await waitFor(() => expect(document.activeElement).toBe(username));

    // A refusal about no one field goes to the form's alert.
    services.signUp.mockRejectedValueOnce(cognitoError('LimitExceededException'));
    await user.clear(username);
    await user.type(username, 'alicia{Enter}');
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(en.errors.TooManyRequests),
    );
    expect(username.getAttribute('aria-invalid')).toBeNull();
  });

  it('drops the pool’s last error once the form’s own check finds others', async () => {
    const services = fakeServices({
      signUp: async () => {
        throw cognitoError('UsernameExistsException', 'User already exists');
      },
    });
    const { user } = renderAuthenticator({ initialRoute: 'signUp' }, services);
    await signUpScreen();
    await user.type(screen.getByLabelText('Username'), 'alice');
    const email = screen.getByLabelText('Email');
    await user.type(email, 'a@example.com{Enter}');
    await waitFor(() => expect(screen.getByText(en.errors.UsernameExists)).toBeTruthy());
    await user.clear(email);
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(screen.queryByText(en.errors.UsernameExists)).toBeNull();
    expect(document.activeElement).toBe(email);
  });
});
