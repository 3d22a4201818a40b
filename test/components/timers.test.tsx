import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeServices } from '../support/fake-services.ts';
import { renderAuthenticator } from '../support/render-authenticator.tsx';

describe('<CustomAuthenticator> clocks', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z'), shouldAdvanceTime: false });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Second by second, letting React commit between ticks as a browser would. */
  async function passSeconds(seconds: number) {
    for (let second = 0; second < seconds; second++) {
      await act(async () => {
        await vi.advanceTimersByTimeAsync(1_000);
      });
    }
  }

  async function atChallenge(props = {}) {
    // user-event waits on real timers, so these clocks are driven with plain DOM events.
    const view = renderAuthenticator(props, fakeServices());
    await act(async () => {
      await vi.advanceTimersByTimeAsync(0);
    });
    fireEvent.change(screen.getByLabelText('Username'), { target: { value: 'alice' } });
    fireEvent.submit(screen.getByRole('form', { name: 'Sign in' }));
    await act(async () => {
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(screen.getByRole('form', { name: 'Enter your code' })).toBeTruthy();
    return view;
  }

  it('counts down to the expiry, then sends the user back to sign in with a clear error', async () => {
    await atChallenge({ sessionValidityMs: 65_000, expiryMarginMs: 5_000 });
    expect(screen.getByText('Expires in 1:00')).toBeTruthy();
    await passSeconds(1);
    expect(screen.getByText('Expires in 0:59')).toBeTruthy();
    await passSeconds(58);
    expect(screen.getByText('Expires in 0:01')).toBeTruthy();
    await passSeconds(1);
    expect(screen.getByRole('form', { name: 'Sign in' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('Time ran out. Sign in again.');
  });

  it('holds Resend code through its cooldown, then starts a new sign-in', async () => {
    const { services } = await atChallenge({ resendCooldownMs: 30_000 });
    const waiting = screen.getByRole('button', {
      name: 'Resend code in 30 s',
    }) as HTMLButtonElement;
    expect(waiting.disabled).toBe(true);
    await passSeconds(10);
    expect(screen.getByRole('button', { name: 'Resend code in 20 s' })).toBeTruthy();
    await passSeconds(20);
    // Idle a while after the cooldown: the new countdown must start from the real time.
    await passSeconds(3);
    const ready = screen.getByRole('button', { name: 'Resend code' }) as HTMLButtonElement;
    expect(ready.disabled).toBe(false);
    await act(async () => {
      ready.click();
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(services.signIn).toHaveBeenCalledTimes(2);
    expect(screen.getByRole('button', { name: 'Resend code in 30 s' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('We sent you a new code.');
  });
});
