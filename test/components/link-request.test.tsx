import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { challengeStep } from '../support/fake-backend.ts';
import { fakeServices } from '../support/fake-services.ts';
import { renderAuthenticator } from '../support/render-authenticator.tsx';

describe('<CustomAuthenticator> asking for a sign-in link', () => {
  it('says nothing of a new code when the first email goes out', async () => {
    const services = fakeServices({
      // The link step's first round sends nothing: the client asks for the email by itself.
      signIn: async () => ({
        type: 'customChallenge',
        parameters: { type: 'magicLink', step: '1', steps: '1', attemptsLeft: '4' },
      }),
      answerOnClient: async () =>
        challengeStep({ type: 'magicLink', linkSent: 'true', step: '1', steps: '1' }),
    });
    const { user } = renderAuthenticator({}, services);
    await user.type(await screen.findByLabelText('Username'), 'alice');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(services.answerOnClient).toHaveBeenCalledOnce());
    await screen.findByLabelText('Code');
    expect(document.body.textContent).not.toContain('We sent you a new code.');
  });
});
