import { act } from 'react';
import { hydrateRoot, type Root } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CustomAuthenticator } from '../../src/index.ts';
import { alice, fakeServices } from '../support/fake-services.ts';

// React's act() checks for this; Testing Library sets it only around its own render.
const actFlag = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
const wasActEnvironment = actFlag.IS_REACT_ACT_ENVIRONMENT;
beforeAll(() => {
  actFlag.IS_REACT_ACT_ENVIRONMENT = true;
});
afterAll(() => {
  actFlag.IS_REACT_ACT_ENVIRONMENT = wasActEnvironment;
});

let root: Root | undefined;
let container: HTMLElement | undefined;

afterEach(() => {
  act(() => root?.unmount());
  container?.remove();
  root = undefined;
});

/**
 * Renders on the "server", then hydrates that HTML in the "browser", noting every error React
 * reports. `browser.stored` is what the browser's storage holds: the server sees none of it.
 */
async function hydrate(services: ReturnType<typeof fakeServices>, browser: { stored: boolean }) {
  const app = <CustomAuthenticator services={services} />;
  container = document.createElement('div');
  const { stored } = browser;
  browser.stored = false;
  container.innerHTML = renderToString(app);
  browser.stored = stored;
  document.body.append(container);
  const serverInput = container.querySelector('input');
  const errors = vi.spyOn(console, 'error');
  const recoverable = vi.fn();
  await act(async () => {
    root = hydrateRoot(container as HTMLElement, app, { onRecoverableError: recoverable });
  });
  // Lets the session checks answer, inside act so React applies what they change.
  await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
  return { container, serverInput, errors, recoverable };
}

describe('hydrating the server-rendered drop-in', () => {
  it('keeps the sign-in form the server sent when nothing is stored, with no warnings', async () => {
    const browser = { stored: false };
    const services = fakeServices({ mayResume: () => browser.stored });
    const { container, serverInput, errors, recoverable } = await hydrate(services, browser);
    expect(serverInput).not.toBeNull();
    // The very element the server sent is still there: React hydrated it, not replaced it.
    expect(container.querySelector('input')).toBe(serverInput);
    expect(container.querySelector('[data-route]')?.getAttribute('data-route')).toBe('signIn');
    expect(errors).not.toHaveBeenCalled();
    expect(recoverable).not.toHaveBeenCalled();
    expect(services.getCurrentUser).toHaveBeenCalledTimes(1);
  });

  it('moves on to the stored session without a hydration mismatch', async () => {
    const browser = { stored: true };
    const services = fakeServices({
      mayResume: () => browser.stored,
      getCurrentUser: async () => alice,
    });
    const { container, errors, recoverable } = await hydrate(services, browser);
    expect(container.querySelector('[data-route]')?.getAttribute('data-route')).toBe('signedIn');
    expect(container.textContent).toContain('Signed in as alice');
    expect(errors).not.toHaveBeenCalled();
    expect(recoverable).not.toHaveBeenCalled();
  });
});
