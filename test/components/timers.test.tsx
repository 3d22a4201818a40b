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

  it('counts down to the expiry, marks its last 30 s, then offers a new code in place', async () => {
    const { services } = await atChallenge({
      sessionValidityMs: 65_000,
      expiryMarginMs: 5_000,
      resendCooldownMs: 0,
    });
    const expiry = screen.getByText('Expires in 1:00');
    expect(expiry.getAttribute('data-state')).toBe('running');
    await passSeconds(1);
    expect(screen.getByText('Expires in 0:59')).toBeTruthy();
    await passSeconds(28);
    expect(screen.getByText('Expires in 0:31').getAttribute('data-state')).toBe('running');
    await passSeconds(1);
    expect(screen.getByText('Expires in 0:30').getAttribute('data-state')).toBe('ending');
    await passSeconds(29);
    expect(screen.getByText('Expires in 0:01')).toBeTruthy();
    await passSeconds(1);
    // Still the same screen: time ran out, and the one thing to do has focus.
    expect(screen.getByRole('form', { name: 'Enter your code' })).toBeTruthy();
    expect(screen.queryByLabelText('Code')).toBeNull();
    expect(screen.getByRole('alert').textContent).toBe('Time ran out.');
    const again = screen.getByRole('button', { name: 'Send a new code' });
    expect(document.activeElement).toBe(again);
    expect(again.getAttribute('aria-describedby')).toBe(screen.getByRole('alert').id);
    await act(async () => {
      again.click();
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(services.signIn).toHaveBeenCalledTimes(2);
    expect(screen.getByText('Expires in 1:00')).toBeTruthy();
    expect(screen.getByLabelText('Code')).toBeTruthy();
  });

  it('holds Resend code through its cooldown, focusable, then starts a new sign-in', async () => {
    const { services } = await atChallenge({ resendCooldownMs: 30_000 });
    const waiting = screen.getByRole('button', {
      name: 'Resend code in 30 s',
    }) as HTMLButtonElement;
    // Reachable by keyboard, its wait in its name; a click does nothing yet.
    expect(waiting.disabled).toBe(false);
    expect(waiting.getAttribute('aria-disabled')).toBe('true');
    waiting.focus();
    expect(document.activeElement).toBe(waiting);
    await act(async () => {
      waiting.click();
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(services.signIn).toHaveBeenCalledTimes(1);
    await passSeconds(10);
    expect(screen.getByRole('button', { name: 'Resend code in 20 s' })).toBeTruthy();
    expect(announced()).toEqual([]);
    await passSeconds(20);
    expect(announced()).toEqual(['You can ask for a new code now.']);
    // Idle a while after the cooldown: the new countdown must start from the real time.
    await passSeconds(3);
    const ready = screen.getByRole('button', { name: 'Resend code' }) as HTMLButtonElement;
    expect(ready.getAttribute('aria-disabled')).toBeNull();
    await act(async () => {
      ready.click();
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(services.signIn).toHaveBeenCalledTimes(2);
    expect(screen.getByRole('button', { name: 'Resend code in 30 s' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('We sent you a new code.');
    expect(announced()).toEqual([]);
  });
});

/** What the polite regions that are not shown say now. */
function announced() {
  return Array.from(document.querySelectorAll('[data-part="announce"]'), (region) => {
    expect(region.getAttribute('aria-live')).toBe('polite');
    return region.textContent;
  }).filter(Boolean);
}
