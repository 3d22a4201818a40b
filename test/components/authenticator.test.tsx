import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { en, es } from '../../src/index.ts';
import {
  alice,
  challengeStep,
  cognitoError,
  deferred,
  fakeServices,
  rightCode,
} from '../support/fake-services.ts';
import { renderAuthenticator } from '../support/render-authenticator.tsx';
import { wholeText } from '../support/text.ts';

async function signInAs(user: ReturnType<typeof renderAuthenticator>['user'], username = 'alice') {
  await user.type(await screen.findByLabelText('Username'), username);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
  return screen.findByRole('form', { name: 'Enter your code' });
}

describe('<CustomAuthenticator>', () => {
  it('signs in passwordless: hint as text, where the code went, auto-submit, signed-in view, sign out', async () => {
    const services = fakeServices({
      signIn: async () =>
        challengeStep({
          hint: '<b>Check</b> your inbox',
          destination: 'a***@e***.com',
          codeLength: '6',
        }),
    });
    const { user, container } = renderAuthenticator({}, services);
    await signInAs(user);
    expect(screen.getByText('<b>Check</b> your inbox')).toBeTruthy();
    expect(container.querySelector('b')).toBeNull();
    expect(screen.getByText(wholeText('We sent a code to a***@e***.com.'))).toBeTruthy();

    await user.type(screen.getByLabelText('Code'), '123456');
    expect(await screen.findByRole('heading', { name: 'Signed in as alice' })).toBeTruthy();
    expect(services.confirmSignIn).toHaveBeenCalledTimes(1);
    expect(services.confirmSignIn).toHaveBeenCalledWith('123456');

    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('form', { name: 'Sign in' })).toBeTruthy();
  });

  it('renders its children once signed in, and a function child gets the user and signOut', async () => {
    const services = fakeServices({ getCurrentUser: async () => alice });
    const { user } = renderAuthenticator(
      {
        children: ({ user: signedIn, signOut }) => (
          <button type="button" onClick={signOut}>
            Leave {signedIn.username}
          </button>
        ),
      },
      services,
    );
    await user.click(await screen.findByRole('button', { name: 'Leave alice' }));
    expect(await screen.findByRole('form', { name: 'Sign in' })).toBeTruthy();
    expect(services.signOut).toHaveBeenCalledTimes(1);
  });

  it('asks for the password in the password flow and ties its error to the field', async () => {
    const { user, services } = renderAuthenticator({ flow: 'passwordThenCode' });
    await user.type(await screen.findByLabelText('Username'), 'alice');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe('Enter your password.');
    const password = screen.getByLabelText('Password');
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(password.getAttribute('aria-describedby')).toContain(alert.id);
    expect(services.signIn).not.toHaveBeenCalled();

    await user.type(password, 'Secret-123{Enter}');
    await screen.findByRole('form', { name: 'Enter your code' });
    expect(services.signIn).toHaveBeenCalledWith({
      username: 'alice',
      password: 'Secret-123',
      flow: 'passwordThenCode',
    });
  });

  it('says a code is wrong, shows the attempts left, and clears and refocuses the field', async () => {
    const services = fakeServices({
      confirmSignIn: async () => challengeStep({ attemptsLeft: '2' }),
    });
    const { user } = renderAuthenticator({}, services);
    await signInAs(user);
    await user.type(screen.getByLabelText('Code'), '000000');
    expect(await screen.findByText('Incorrect code. 2 attempts left.')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('Incorrect code. 2 attempts left.');
    const code = screen.getByLabelText('Code') as HTMLInputElement;
    await waitFor(() => expect(code.value).toBe(''));
    expect(document.activeElement).toBe(code);
    expect(code.getAttribute('aria-invalid')).toBe('true');
  });

  it('takes any answer, and waits for Confirm, when the trigger sends no code length', async () => {
    const services = fakeServices({
      signIn: async () => ({
        type: 'customChallenge',
        parameters: { hint: 'Name the capital of Peru' },
      }),
    });
    const { user } = renderAuthenticator({}, services);
    await user.type(await screen.findByLabelText('Username'), 'alice{Enter}');
    // No type and no code length: a free-text answer.
    await screen.findByRole('form', { name: 'Confirm it’s you' });
    const answer = screen.getByLabelText('Answer');
    expect(answer.getAttribute('inputmode')).toBe('text');
    await user.type(answer, 'Lima 1234567');
    expect(services.confirmSignIn).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Confirm' }));
    expect(services.confirmSignIn).toHaveBeenCalledWith('Lima 1234567');
  });

  it('gives focus back to the field in error when a request fails', async () => {
    const services = fakeServices({
      signIn: async () => {
        throw cognitoError('UserNotFoundException');
      },
    });
    const { user } = renderAuthenticator({}, services);
    await user.type(await screen.findByLabelText('Username'), 'ghost{Enter}');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Username')));
    expect(screen.getByLabelText('Username').getAttribute('aria-invalid')).toBe('true');
  });

  it('accepts a pasted code with spaces or dashes', async () => {
    const { user, services } = renderAuthenticator();
    await signInAs(user);
    await user.click(screen.getByLabelText('Code'));
    await user.paste('123 456');
    await screen.findByRole('heading', { name: 'Signed in as alice' });
    expect(services.confirmSignIn).toHaveBeenCalledWith('123456');
  });

  it('sends once on a double click', async () => {
    const answer = deferred<Awaited<ReturnType<typeof challengeStep>>>();
    const services = fakeServices({ confirmSignIn: () => answer.promise });
    const { user } = renderAuthenticator({}, services);
    await signInAs(user);
    await user.type(screen.getByLabelText('Code'), '123');
    await user.dblClick(screen.getByRole('button', { name: 'Confirm' }));
    expect(services.confirmSignIn).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('form', { name: 'Enter your code' }).getAttribute('aria-busy')).toBe(
      'true',
    );
    const confirm = screen.getByRole('button', { name: 'Checking…' });
    expect(confirm.getAttribute('aria-disabled')).toBe('true');
    await user.click(confirm);
    expect(services.confirmSignIn).toHaveBeenCalledTimes(1);
    await act(async () => answer.resolve({ type: 'done', user: alice }));
    await screen.findByRole('heading', { name: 'Signed in as alice' });
  });

  it('goes back to sign in with the username kept', async () => {
    const { user } = renderAuthenticator();
    await signInAs(user, 'bob');
    expect(screen.getByText(wholeText('Signing in as bob. Not you?'))).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Not you?' }));
    expect(((await screen.findByLabelText('Username')) as HTMLInputElement).value).toBe('bob');
  });

  it('moves focus to the first field of each new screen', async () => {
    const { user } = renderAuthenticator();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Username')));
    await user.click(screen.getByRole('button', { name: 'No account? Create one' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Username')));
    expect(screen.getByRole('form', { name: 'Create account' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Have an account? Sign in' }));
    await signInAs(user);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Code')));
  });

  it('works by keyboard alone', async () => {
    const { user, services } = renderAuthenticator();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Username')));
    await user.keyboard('alice{Enter}');
    await screen.findByRole('form', { name: 'Enter your code' });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Code')));
    // In the order they are seen: the resend line sits right under the field.
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: /^Resend code/ }));
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Confirm' }));
    await user.tab({ shift: true });
    await user.tab({ shift: true });
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Not you?' }));
    await user.tab();
    await user.keyboard('12{Enter}');
    expect(services.confirmSignIn).toHaveBeenCalledWith('12');
    await screen.findByRole('alert');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Code')));
    await user.keyboard(rightCode);
    expect(await screen.findByRole('heading', { name: 'Signed in as alice' })).toBeTruthy();
  });

  it('calls onSignIn and onSignOut', async () => {
    const onSignIn = vi.fn();
    const onSignOut = vi.fn();
    const { user } = renderAuthenticator({ onSignIn, onSignOut });
    await signInAs(user);
    await user.type(screen.getByLabelText('Code'), '123456');
    await screen.findByRole('heading', { name: 'Signed in as alice' });
    expect(onSignIn).toHaveBeenCalledWith(alice);
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    await screen.findByRole('form', { name: 'Sign in' });
    expect(onSignOut).toHaveBeenCalledTimes(1);
  });

  it('does not count a restored session as a sign-in, nor send a signed-out user to sign-up again', async () => {
    const onSignIn = vi.fn();
    const onSignOut = vi.fn();
    const services = fakeServices({ getCurrentUser: async () => alice });
    const { user } = renderAuthenticator({ onSignIn, onSignOut, initialRoute: 'signUp' }, services);
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('form', { name: 'Sign in' })).toBeTruthy();
    expect(onSignIn).not.toHaveBeenCalled();
    expect(onSignOut).toHaveBeenCalledTimes(1);
  });

  it('shows a loading status while it checks for a signed-in user', async () => {
    const current = deferred<null>();
    renderAuthenticator({}, fakeServices({ getCurrentUser: () => current.promise }));
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    await act(async () => current.resolve(null));
    expect(await screen.findByRole('form', { name: 'Sign in' })).toBeTruthy();
  });

  it.each([
    ['NetworkError', 'Network'],
    ['TooManyRequestsException', 'TooManyRequests'],
    ['LimitExceededException', 'TooManyRequests'],
    ['UserLambdaValidationException', 'TriggerFailed'],
    ['UserNotFoundException', 'UserNotFound'],
    ['NotAuthorizedException', 'NotAuthorized'],
  ] as const)('shows %s from sign-in as the %s message', async (name, code) => {
    const message = en.errors[code];
    const services = fakeServices({
      signIn: async () => {
        throw cognitoError(name);
      },
    });
    const { user } = renderAuthenticator({}, services);
    await user.type(await screen.findByLabelText('Username'), 'alice{Enter}');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe(message));
  });

  it('says how long a locked username must wait, in the chosen language', async () => {
    const services = fakeServices({
      signIn: async () => {
        throw cognitoError(
          'UserLambdaValidationException',
          'CreateAuthChallenge failed with error SignInLocked retryAfterSeconds=840: too many sign-in attempts, try again later.',
        );
      },
    });
    const { user } = renderAuthenticator({ locale: es }, services);
    await user.type(await screen.findByLabelText('Nombre de usuario'), 'alice{Enter}');
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'Demasiados intentos de inicio de sesión. Vuelve a intentarlo en 14 min.',
      ),
    );
  });
});
