import { screen, waitFor } from '@testing-library/react';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { de, type PendingChallenge } from '../../src/index.ts';
import { alice, fakeServices } from '../support/fake-services.ts';
import { renderAuthenticator } from '../support/render-authenticator.tsx';

/** What `signInLinks()` resumes when the page was opened with a link another browser asked for. */
const foreignLink = async (): Promise<PendingChallenge> => ({
  username: '',
  challenge: {
    parameters: { type: 'linkConfirmation', destination: 'm***@e***.com' },
    round: 1,
    expiresAt: Date.now() + 120_000,
    resendAvailableAt: 0,
  },
  link: 'k1.e30.sig',
});

const question = 'Continue signing in as m***@e***.com?';

function openForeignLink(props = {}) {
  const services = fakeServices({
    mayResume: () => true,
    loadPendingChallenge: foreignLink,
    answerOnClient: async () => ({ type: 'done', user: alice }),
  });
  return renderAuthenticator(props, services);
}

describe('<CustomAuthenticator> with a sign-in link another browser asked for', () => {
  it('asks whose account it opens, with the focus on Cancel, and signs in on Continue', async () => {
    const { user, services } = openForeignLink();
    const form = await screen.findByRole('form', { name: question });
    expect(form.getAttribute('data-screen')).toBe('linkConfirmation');
    expect(
      screen.getByText(
        'This sign-in link was requested in another browser or on another device. Continue only if you requested it.',
      ),
    ).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(services.answerOnClient).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByRole('heading', { name: 'Signed in as alice' });
    expect(services.answerOnClient).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({ link: 'k1.e30.sig' }),
    );
  });

  it('drops the link on Cancel, or on Enter with the focus where it starts, for the empty sign-in form', async () => {
    const { user, services } = openForeignLink();
    await screen.findByRole('form', { name: question });
    await user.keyboard('{Enter}');
    await screen.findByRole('form', { name: 'Sign in' });
    expect((screen.getByLabelText('Username') as HTMLInputElement).value).toBe('');
    expect(screen.getByRole('alert').textContent).toBe('');
    expect(services.answerOnClient).not.toHaveBeenCalled();
  });

  it('words it in the chosen language', async () => {
    openForeignLink({ locale: de });
    await screen.findByRole('form', { name: 'Anmeldung als m***@e***.com fortsetzen?' });
    expect(screen.getByRole('button', { name: 'Weiter' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Abbrechen' })).toBeTruthy();
  });

  it('passes axe (WCAG 2 A and AA), and is busy while the link is used', async () => {
    let finish: (value: { type: 'done'; user: typeof alice }) => void = () => {};
    const services = fakeServices({
      mayResume: () => true,
      loadPendingChallenge: foreignLink,
      answerOnClient: () => new Promise((resolve) => (finish = resolve)),
    });
    const { container, user } = renderAuthenticator({}, services);
    const form = await screen.findByRole('form', { name: question });
    const results = await axe.run(container, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      rules: { 'color-contrast': { enabled: false } },
    });
    expect(results.violations.map(({ id }) => id)).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(form.getAttribute('aria-busy')).toBe('true'));
    // Cancel stays a way out; Continue says what it does.
    expect((screen.getByRole('button', { name: 'Cancel' }) as HTMLButtonElement).disabled).toBe(
      false,
    );
    const continuing = screen.getByRole('button', { name: 'Signing in…' });
    expect(continuing.getAttribute('aria-disabled')).toBe('true');
    finish({ type: 'done', user: alice });
    await screen.findByRole('heading', { name: 'Signed in as alice' });
  });
});
