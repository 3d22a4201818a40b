import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { en } from '../../src/components/messages/en.ts';
import { CustomAuthenticator, CustomAuthProvider, signUpWithAmplify } from '../../src/index.ts';
import { defineExpectsSrpAHelp } from '../../src/react/development.ts';
import { fakeServices } from '../support/fake-services.ts';

/** The kit's own warnings, once the current render has settled. */
function kitWarnings(warn: { mock: { calls: unknown[][] } }): string[] {
  return warn.mock.calls
    .map((call) => String(call[0]))
    .filter((text) => text.startsWith('cognito-custom-auth:'));
}

describe('warnings in development', () => {
  afterEach(() => vi.restoreAllMocks());

  it('say once that a provider read its flow and timing at mount and ignored a change', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const services = fakeServices();
    const { rerender } = render(<CustomAuthProvider services={services} flow="passwordless" />);
    expect(kitWarnings(warn)).toEqual([]);
    rerender(<CustomAuthProvider services={fakeServices()} flow="passwordless" />);
    expect(kitWarnings(warn)).toEqual([]);
    rerender(
      <CustomAuthProvider services={services} flow="passwordThenCode" resendCooldownMs={5} />,
    );
    rerender(
      <CustomAuthProvider services={services} flow="passwordThenCode" resendCooldownMs={5} />,
    );
    expect(kitWarnings(warn)).toEqual([
      expect.stringContaining('reads flow, resendCooldownMs once, when it mounts'),
    ]);
  });

  it('name the props a drop-in inside a provider ignores', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    render(
      <CustomAuthProvider services={fakeServices()}>
        <CustomAuthenticator
          flow="passwordThenCode"
          initialRoute="signUp"
          signUp={signUpWithAmplify}
        />
      </CustomAuthProvider>,
    );
    await screen.findByRole('form', { name: 'Sign in' });
    expect(kitWarnings(warn)).toEqual([
      expect.stringContaining('ignores flow, initialRoute, signUp'),
    ]);
  });

  it('stay silent for a drop-in that runs its own statechart', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    render(<CustomAuthenticator services={fakeServices()} flow="passwordThenCode" />);
    await screen.findByRole('form', { name: 'Sign in' });
    expect(kitWarnings(warn)).toEqual([]);
  });

  describe('for triggers that expect the session to open with SRP_A', () => {
    const failures = {
      // What Cognito answers when Define fails the passwordless start's empty session.
      passwordless: Object.assign(new Error('Incorrect username or password.'), {
        name: 'NotAuthorizedException',
      }),
      // What Amplify throws when Define answers SRP_A with CUSTOM_CHALLENGE.
      passwordThenCode: Object.assign(
        new Error('USER_ID_FOR_SRP was not found in challengeParameters'),
        { name: 'EmptyUserIdForSRPException' },
      ),
    };

    for (const flow of ['passwordless', 'passwordThenCode'] as const) {
      it(`tell the developer once, and the user without blaming the password (${flow})`, async () => {
        const error = vi.spyOn(console, 'error').mockImplementation(() => {});
        const services = fakeServices({
          signIn: async () => {
            throw failures[flow];
          },
        });
        const user = userEvent.setup();
        render(<CustomAuthenticator services={services} flow={flow} />);
        for (let attempt = 0; attempt < 2; attempt++) {
          await user.type(await screen.findByLabelText('Username'), 'ada');
          if (flow === 'passwordThenCode') {
            await user.type(screen.getByLabelText('Password'), 'Any-Password-9');
          }
          await user.click(screen.getByRole('button', { name: 'Sign in' }));
          expect((await screen.findByText(en.errors.DefineExpectsSrpA)).getAttribute('role')).toBe(
            'alert',
          );
          await user.clear(screen.getByLabelText('Username'));
        }
        expect(services.signIn).toHaveBeenCalledTimes(2);
        expect(screen.queryByText(en.errors.NotAuthorized)).toBeNull();
        expect(kitWarnings(error)).toEqual([`cognito-custom-auth: ${defineExpectsSrpAHelp[flow]}`]);
      });
    }

    it('leave other refusals of a passwordless start as they were', async () => {
      const error = vi.spyOn(console, 'error').mockImplementation(() => {});
      const disabled = Object.assign(new Error('User is disabled.'), {
        name: 'NotAuthorizedException',
      });
      const services = fakeServices({
        signIn: async () => {
          throw disabled;
        },
      });
      const user = userEvent.setup();
      render(<CustomAuthenticator services={services} flow="passwordless" />);
      await user.type(await screen.findByLabelText('Username'), 'ada');
      await user.click(screen.getByRole('button', { name: 'Sign in' }));
      expect((await screen.findByText(en.errors.NotAuthorized)).getAttribute('role')).toBe('alert');
      expect(kitWarnings(error)).toEqual([]);
    });
  });
});
