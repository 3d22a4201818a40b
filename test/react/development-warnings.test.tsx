import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CustomAuthenticator, CustomAuthProvider, signUpWithAmplify } from '../../src/index.ts';
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
});
