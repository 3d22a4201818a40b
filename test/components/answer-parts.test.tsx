import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { answerPartFor } from '../../src/components/challenge/answer-parts.ts';
import {
  type AnswerPartOption,
  CaptchaChallenge,
  type CaptchaWidgetProps,
  type ChallengeControls,
  ChoiceChallenge,
  en,
} from '../../src/index.ts';
import { challengeOf } from '../../src/machine/challenge.ts';
import { challengeStep, fakeServices } from '../support/fake-services.ts';
import { renderAuthenticator } from '../support/render-authenticator.tsx';
import { wholeText } from '../support/text.ts';

async function startWith(
  parameters: Record<string, string>,
  challenges: Readonly<Record<string, AnswerPartOption>>,
) {
  const services = fakeServices({ signIn: async () => challengeStep(parameters) });
  const rendered = renderAuthenticator({ components: { challenges } }, services);
  await rendered.user.type(await screen.findByLabelText('Username'), 'alice{Enter}');
  await waitFor(() => expect(screen.queryByLabelText('Username')).toBeNull());
  return rendered;
}

const confirm = () => screen.queryByRole('button', { name: 'Confirm' });

/** An app's own type whose answer is a button press: a security key, say. */
function Passkey({ submit, isPending }: ChallengeControls) {
  return (
    <button type="button" disabled={isPending} onClick={() => submit('signed-assertion')}>
      Use security key
    </button>
  );
}

/** An app's own type that takes a typed answer, sent with the frame's Confirm. */
function Pin({ fieldProps, answer, setAnswer }: ChallengeControls) {
  return (
    <input
      {...fieldProps}
      aria-label="PIN"
      value={answer}
      onChange={(event) => setAnswer(event.target.value)}
    />
  );
}

function FakeTurnstile({ onToken }: CaptchaWidgetProps) {
  return (
    <button type="button" onClick={() => onToken('turnstile-token')}>
      Verify with Turnstile
    </button>
  );
}

/** As the docs show it: the kit's CAPTCHA part with the app's widget. */
const Captcha = (props: ChallengeControls) => (
  <CaptchaChallenge {...props} widgets={{ turnstile: FakeTurnstile }} />
);

/** A part that is the whole screen: its own form, title and buttons. */
function Consent({ submit, cancel, isPending }: ChallengeControls) {
  return (
    <form
      aria-label="Share your email with Example?"
      onSubmit={(event) => {
        event.preventDefault();
        submit('yes');
      }}
    >
      <button type="submit" disabled={isPending}>
        Share
      </button>
      <button type="button" onClick={cancel}>
        Not now
      </button>
    </form>
  );
}

describe('<CustomAuthenticator> asks the answer part what the frame shows', () => {
  it('shows no Confirm for an app’s part that submits itself, which answers alone', async () => {
    const { user, services } = await startWith(
      { type: 'passkey', hint: 'Use the security key on your desk.' },
      { passkey: { Answer: Passkey, submitsItself: true } },
    );
    expect(screen.getByText('Use the security key on your desk.')).toBeTruthy();
    expect(confirm()).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Use security key' }));
    expect(services.confirmSignIn).toHaveBeenCalledWith('signed-assertion');
  });

  it('shows Confirm for a bare component, as for a part without settings', async () => {
    for (const pin of [Pin, { Answer: Pin }]) {
      const { user, services, unmount } = await startWith({ type: 'pin' }, { pin });
      await user.type(screen.getByLabelText('PIN'), '4321');
      await user.click(within(screen.getByRole('form')).getByRole('button', { name: 'Confirm' }));
      expect(services.confirmSignIn).toHaveBeenCalledWith('4321');
      unmount();
    }
  });

  it('shows no Confirm for a wrapper of CaptchaChallenge under captcha, bare or in a part', async () => {
    for (const captcha of [Captcha, { Answer: Captcha }]) {
      const { user, services, unmount } = await startWith(
        { type: 'captcha', provider: 'turnstile', siteKey: 'site-1' },
        { captcha },
      );
      expect(confirm()).toBeNull();
      await user.click(screen.getByRole('button', { name: 'Verify with Turnstile' }));
      expect(services.confirmSignIn).toHaveBeenCalledWith('turnstile-token');
      unmount();
    }
  });

  it('titles the screen with the part’s title, which may read the challenge', async () => {
    await startWith(
      { type: 'passkey', device: 'YubiKey' },
      {
        passkey: {
          Answer: Passkey,
          title: (messages, challenge) =>
            `${challenge.parameters.device} · ${messages.challengeTitle}`,
        },
      },
    );
    expect(screen.getByRole('form', { name: 'YubiKey · Confirm it’s you' })).toBeTruthy();
  });

  it('keeps the kit’s settings for a built-in name under a part of the app’s, which win', async () => {
    const title = vi.fn(() => 'Enter the code from your letter');
    await startWith(
      { type: 'code', codeLength: '6', deliveryMedium: 'SMS', destination: '+*******1234' },
      { code: { Answer: Pin, title } },
    );
    expect(screen.getByRole('form', { name: 'Enter the code from your letter' })).toBeTruthy();
    expect(title).toHaveBeenCalledWith(
      expect.objectContaining({ challengeTitle: 'Confirm it’s you' }),
      expect.objectContaining({ name: 'code', deliveryMedium: 'SMS' }),
    );
    // Where the code went is the code part's, and stays.
    expect(screen.getByText(wholeText('We sent a code to +*******1234.'))).toBeTruthy();
    expect(screen.getByLabelText('PIN')).toBeTruthy();
  });

  it('lets a part that owns the screen render all of it, with no frame', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { user, services } = await startWith(
      { type: 'consent', hint: 'A hint the frame would show', step: '2', steps: '3' },
      { consent: { Answer: Consent, ownsScreen: true } },
    );
    const form = screen.getByRole('form', { name: 'Share your email with Example?' });
    expect(document.querySelectorAll('form')).toHaveLength(1);
    expect(form.getAttribute('data-screen')).toBeNull();
    expect(screen.queryByText('A hint the frame would show')).toBeNull();
    expect(screen.queryByText('Step 2 of 3')).toBeNull();
    expect(screen.queryByText(/Signing in as/)).toBeNull();
    expect(confirm()).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Share' }));
    expect(services.confirmSignIn).toHaveBeenCalledWith('yes');
    // No nested form: the part's form is the only one.
    expect(error).not.toHaveBeenCalled();
  });
});

describe('answerPartFor: the Confirm button’s text', () => {
  const choice = (parameters: Record<string, string>) =>
    challengeOf({ parameters, round: 1, expiresAt: 0, resendAvailableAt: 0 });
  const labelFor = (parameters: Record<string, string>, registered = {}) =>
    answerPartFor(parameters.type ?? 'text', registered).submitLabel?.(en, choice(parameters));

  it('says Send code for a choice of where a code goes, and Continue for another choice', () => {
    expect(labelFor({ type: 'choice', purpose: 'delivery' })).toBe('Send code');
    expect(labelFor({ type: 'choice', purpose: 'delivery' }, { choice: ChoiceChallenge })).toBe(
      'Send code',
    );
    expect(labelFor({ type: 'choice' }, { choice: ChoiceChallenge })).toBe('Continue');
  });

  it('leaves other types to the frame’s Confirm', () => {
    expect(labelFor({ type: 'text' })).toBeUndefined();
    expect(labelFor({ type: 'code', codeLength: '6' })).toBeUndefined();
  });
});
