import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ar, ChoiceChallenge, type PendingChallenge } from '../../src/index.ts';
import { alice, challengeStep, fakeServices } from '../support/fake-services.ts';
import { renderAuthenticator } from '../support/render-authenticator.tsx';

describe('<CustomAuthenticator> focus once signed in', () => {
  it('moves focus to the signed-in heading after a sign-in on the page', async () => {
    const { user } = renderAuthenticator();
    await user.type(await screen.findByLabelText('Username'), 'alice{Enter}');
    await user.type(await screen.findByLabelText('Code'), '123456');
    const heading = await screen.findByRole('heading', { name: 'Signed in as alice' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
  });

  it('leaves focus where the page put it when it finds the user signed in at start-up', async () => {
    renderAuthenticator({}, fakeServices({ getCurrentUser: async () => alice }));
    await screen.findByRole('button', { name: 'Sign out' });
    // Effects that would move it have run by the time the screen is shown and a task passed.
    await new Promise((done) => setTimeout(done, 20));
    expect(document.activeElement).toBe(document.body);
  });
});

/** The isolating element around a value: the `<bdi>` that holds exactly its text. */
const isolated = (text: string) => {
  const element = screen.getByText(text);
  return element.tagName === 'BDI' ? element : null;
};

describe('<CustomAuthenticator> in a right-to-left language', () => {
  it('isolates an English option label from the Arabic around it', async () => {
    const options = JSON.stringify([{ value: 'email', label: 'Email a***@e***.com' }]);
    const services = fakeServices({
      signIn: async () => challengeStep({ type: 'choice', options, purpose: 'delivery' }),
    });
    const { user, container } = renderAuthenticator(
      { locale: ar, components: { challenges: { choice: ChoiceChallenge } } },
      services,
    );
    expect(container.querySelector('[dir="rtl"]')).not.toBeNull();
    await user.type(await screen.findByLabelText(ar.username), 'alice{Enter}');
    const radio = await screen.findByRole('radio', { name: 'Email a***@e***.com' });
    expect(isolated('Email a***@e***.com')).not.toBeNull();
    expect(radio.closest('label')?.contains(isolated('Email a***@e***.com'))).toBe(true);
  });

  it('isolates the username once signed in', async () => {
    renderAuthenticator({ locale: ar }, fakeServices({ getCurrentUser: async () => alice }));
    const heading = await screen.findByRole('heading', { level: 2 });
    expect(within(heading).getByText('alice').tagName).toBe('BDI');
    expect(heading.textContent).toBe(ar.signedInAs.replace('{username}', 'alice'));
  });

  it('isolates where a sign-in link was mailed in its question', async () => {
    const link = async (): Promise<PendingChallenge> => ({
      username: '',
      challenge: {
        parameters: { type: 'linkConfirmation', destination: 'm***@e***.com' },
        round: 1,
        expiresAt: Date.now() + 120_000,
        resendAvailableAt: 0,
      },
      link: 'k1.e30.sig',
    });
    renderAuthenticator(
      { locale: ar },
      fakeServices({ mayResume: () => true, loadPendingChallenge: link }),
    );
    const question = ar.linkConfirmation.replace('{destination}', 'm***@e***.com');
    expect(await screen.findByRole('form', { name: question })).toBeTruthy();
    expect(isolated('m***@e***.com')).not.toBeNull();
  });
});
