import { screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebOtpCodeChallenge } from '../../src/index.ts';
import { challengeStep, fakeServices, rightCode } from '../support/fake-services.ts';
import { renderAuthenticator } from '../support/render-authenticator.tsx';

type Get = (options: { otp?: { transport: string[] }; signal?: AbortSignal }) => Promise<unknown>;

/** The WebOTP API as Chrome on Android has it: a credential with the code, when the SMS comes. */
function stubWebOtp(get: Get) {
  const credentials = { get: vi.fn(get) };
  Object.defineProperty(navigator, 'credentials', { value: credentials, configurable: true });
  Object.defineProperty(window, 'OTPCredential', { value: class {}, configurable: true });
  return credentials.get;
}

const bySms = challengeStep({ deliveryMedium: 'SMS', destination: '+*******4567' });

async function signIn(
  services = fakeServices({ signIn: async () => bySms }),
  challenges: Record<string, typeof WebOtpCodeChallenge> = { code: WebOtpCodeChallenge },
) {
  const view = renderAuthenticator({ components: { challenges } }, services);
  await view.user.type(await screen.findByLabelText('Username'), 'alice{Enter}');
  return view;
}

describe('<CustomAuthenticator> with WebOtpCodeChallenge: a code by SMS from the message itself', () => {
  beforeEach(() => {
    Reflect.deleteProperty(window, 'OTPCredential');
  });
  afterEach(() => {
    Reflect.deleteProperty(window, 'OTPCredential');
    Reflect.deleteProperty(navigator, 'credentials');
  });

  it('fills and sends the code the browser reads from the text message', async () => {
    const get = stubWebOtp(async () => ({ type: 'otp', code: rightCode }));
    const { services } = await signIn();
    await screen.findByRole('heading', { name: 'Signed in as alice' });
    expect(services.confirmSignIn).toHaveBeenCalledWith(rightCode);
    expect(get).toHaveBeenCalledWith({
      otp: { transport: ['sms'] },
      signal: expect.any(AbortSignal),
    });
  });

  it('asks only for a code sent by SMS', async () => {
    const get = stubWebOtp(async () => ({ code: rightCode }));
    await signIn(fakeServices());
    await screen.findByRole('form', { name: 'Enter your code' });
    expect(get).not.toHaveBeenCalled();
  });

  it('stops asking when the user leaves the round, and takes no code after', async () => {
    let arrive: (credential: unknown) => void = () => {};
    const signals: AbortSignal[] = [];
    stubWebOtp(({ signal }) => {
      if (signal) signals.push(signal);
      return new Promise((resolve) => {
        arrive = resolve;
      });
    });
    const { user, services } = await signIn();
    await screen.findByRole('form', { name: 'Check your phone' });
    await waitFor(() => expect(signals.some((signal) => !signal.aborted)).toBe(true));
    await user.click(screen.getByRole('button', { name: 'Not you?' }));
    await screen.findByRole('form', { name: 'Sign in' });
    expect(signals.every((signal) => signal.aborted)).toBe(true);
    arrive({ code: rightCode });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(services.confirmSignIn).not.toHaveBeenCalled();
  });

  it('asks the browser nothing without the opt-in', async () => {
    const get = stubWebOtp(async () => ({ code: rightCode }));
    await signIn(undefined, {});
    await screen.findByRole('form', { name: 'Check your phone' });
    expect(get).not.toHaveBeenCalled();
  });

  it('leaves the field to the user where the browser has no WebOTP', async () => {
    const { user, services } = await signIn();
    await screen.findByRole('form', { name: 'Check your phone' });
    await user.type(screen.getByLabelText('Code'), rightCode);
    await screen.findByRole('heading', { name: 'Signed in as alice' });
    expect(services.confirmSignIn).toHaveBeenCalledWith(rightCode);
  });
});
