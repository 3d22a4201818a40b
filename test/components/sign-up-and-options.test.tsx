import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  CodeInput,
  CustomAuthenticator,
  CustomAuthProvider,
  es,
  useCustomAuth,
} from '../../src/index.ts';
import { descriptionOf } from '../support/description.ts';
import { cognitoError, fakeServices } from '../support/fake-services.ts';
import { renderAuthenticator } from '../support/render-authenticator.tsx';

describe('<CustomAuthenticator> sign-up', () => {
  it('signs up with the chosen attributes, confirms, and lands in the challenge', async () => {
    const { user, services } = renderAuthenticator({
      signUpAttributes: ['email', { name: 'phone_number', required: false }],
    });
    await user.click(await screen.findByRole('button', { name: 'No account? Create one' }));
    expect(screen.queryByLabelText('Password')).toBeNull();
    expect(screen.getByLabelText('Phone number (optional)')).toBeTruthy();
    await user.type(screen.getByLabelText('Username'), 'alice');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(screen.getByText('Email is required.')).toBeTruthy();
    expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBe('true');
    expect(services.signUp).not.toHaveBeenCalled();

    await user.type(screen.getByLabelText('Email'), 'alice@example.com{Enter}');
    await screen.findByRole('form', { name: 'Confirm your account' });
    expect(services.signUp.mock.calls[0]?.[0]).toMatchObject({
      username: 'alice',
      attributes: { email: 'alice@example.com' },
    });
    expect(screen.getByText('We sent a code to a***@e***.com.')).toBeTruthy();

    services.confirmSignUp.mockRejectedValueOnce(cognitoError('CodeMismatchException'));
    await user.type(screen.getByLabelText('Code'), '000000');
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('That confirmation code is not right.'),
    );
    await user.click(screen.getByRole('button', { name: 'Resend code' }));
    expect(services.resendSignUpCode).toHaveBeenCalledWith('alice');
    const code = screen.getByLabelText('Code');
    await user.clear(code);
    await user.type(code, '123456');
    expect(await screen.findByRole('form', { name: 'Enter your code' })).toBeTruthy();
  });

  it('asks for a password at sign-up in the password flow', async () => {
    const { user, services } = renderAuthenticator({
      flow: 'passwordThenCode',
      initialRoute: 'signUp',
    });
    await screen.findByRole('form', { name: 'Create account' });
    await user.type(screen.getByLabelText('Username'), 'alice');
    await user.type(screen.getByLabelText('Password'), 'Chosen-Pass-1');
    await user.type(screen.getByLabelText('Email'), 'a@example.com{Enter}');
    await screen.findByRole('form', { name: 'Confirm your account' });
    expect(services.signUp.mock.calls[0]?.[0].password).toBe('Chosen-Pass-1');
  });

  it('words Cognito’s password refusal from the dictionary and ties it to the password field', async () => {
    const message = 'Password did not conform with policy: Password must have symbol characters';
    const services = fakeServices({
      signUp: async () => {
        throw cognitoError('InvalidPasswordException', message);
      },
    });
    const { user } = renderAuthenticator(
      { signUpPassword: true, initialRoute: 'signUp' },
      services,
    );
    await user.type(await screen.findByLabelText('Username'), 'alice');
    // Within the default rules the form checks, but not within the pool's.
    await user.type(screen.getByLabelText('Password'), 'Password1!');
    await user.type(screen.getByLabelText('Email'), 'a@example.com{Enter}');
    const password = screen.getByLabelText('Password');
    await waitFor(() => expect(password.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.queryByText(message)).toBeNull();
    expect(descriptionOf(password)).toContain('That password does not meet the requirements.');
  });
});

const AcmeHeader = () => <header>Acme</header>;
const HelpFooter = () => <footer>Help</footer>;

function CustomSignIn() {
  const signIn = useCustomAuth((auth) => auth.signIn);
  return (
    <button type="button" onClick={() => signIn({ username: 'custom' })}>
      One-tap sign in
    </button>
  );
}

describe('<CustomAuthenticator> options', () => {
  it('forces a colour scheme on request', async () => {
    const { container } = renderAuthenticator({ theme: 'dark', className: 'app-auth' });
    await screen.findByRole('form', { name: 'Sign in' });
    const root = container.querySelector('.cca-root');
    expect(root?.getAttribute('data-theme')).toBe('dark');
    expect(root?.classList.contains('app-auth')).toBe(true);
  });

  it('hides sign-up on request', async () => {
    renderAuthenticator({ hideSignUp: true });
    await screen.findByRole('form', { name: 'Sign in' });
    expect(screen.queryByRole('button', { name: 'No account? Create one' })).toBeNull();
  });

  it('switches locale, and takes partial message overrides', async () => {
    const { unmount } = renderAuthenticator({ locale: es });
    expect(await screen.findByRole('form', { name: 'Iniciar sesión' })).toBeTruthy();
    expect(screen.getByLabelText('Nombre de usuario')).toBeTruthy();
    unmount();
    renderAuthenticator({
      messages: { signInTitle: 'Welcome back', errors: { EmptyUsername: 'Who are you?' } },
    });
    expect(await screen.findByRole('form', { name: 'Welcome back' })).toBeTruthy();
    screen.getByRole('button', { name: 'Sign in' }).click();
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Who are you?'));
  });

  it('lets the app replace the header, the footer and a whole screen', async () => {
    const { user, services } = renderAuthenticator({
      components: {
        Header: AcmeHeader,
        Footer: HelpFooter,
        SignIn: CustomSignIn,
      },
    });
    expect(await screen.findByText('Acme')).toBeTruthy();
    expect(screen.getByText('Help')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'One-tap sign in' }));
    await screen.findByRole('form', { name: 'Enter your code' });
    expect(services.signIn.mock.calls[0]?.[0].username).toBe('custom');
  });

  it('uses an enclosing provider instead of making its own', async () => {
    const services = fakeServices();
    render(
      <CustomAuthProvider services={services} flow="passwordThenCode">
        <CustomAuthenticator />
      </CustomAuthProvider>,
    );
    expect(await screen.findByLabelText('Password')).toBeTruthy();
    expect(services.getCurrentUser).toHaveBeenCalledTimes(1);
  });
});

describe('<CodeInput>', () => {
  it('is one text field for one-time codes, numeric on phones, never type=number', () => {
    render(<CodeInput label="Code" value="" onChange={() => {}} />);
    const input = screen.getByLabelText('Code');
    expect(input.getAttribute('type')).toBe('text');
    expect(input.getAttribute('inputmode')).toBe('numeric');
    expect(input.getAttribute('autocomplete')).toBe('one-time-code');
    expect(input.hasAttribute('maxlength')).toBe(false);
  });

  it('keeps letters for non-numeric codes', () => {
    render(<CodeInput label="Word" value="" numeric={false} onChange={() => {}} />);
    expect(screen.getByLabelText('Word').getAttribute('inputmode')).toBe('text');
  });
});
