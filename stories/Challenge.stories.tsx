import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { ar, CustomAuthenticator, signUpWithAmplify } from '../src/index.ts';
import {
  challengeParameters,
  cognitoError,
  fakePool,
  hint,
  maskedEmail,
  never,
  rightCode,
  wrongCode,
} from '../test/support/fake-backend.ts';
import { wholeText } from '../test/support/text.ts';

/** Signs in as alice, so each story starts on the challenge screen. */
async function openChallenge(canvasElement: HTMLElement) {
  const canvas = within(canvasElement);
  await userEvent.type(await canvas.findByLabelText('Username'), 'alice{Enter}');
  await canvas.findByRole('form', {
    name: /^(Enter your code|Check your (email|phone)|Confirm it’s you)$/,
  });
  return canvas;
}

const meta = {
  title: 'CustomAuthenticator/Challenge',
  component: CustomAuthenticator,
  tags: ['autodocs'],
  args: { signUp: signUpWithAmplify, services: fakePool() },
  argTypes: {
    signUp: { control: false },
    services: { control: false },
    children: { control: false },
  },
} satisfies Meta<typeof CustomAuthenticator>;

export default meta;
type Story = StoryObj<typeof meta>;

export const WithHint: Story = {
  args: { services: fakePool() },
  play: async ({ canvasElement }) => {
    const canvas = await openChallenge(canvasElement);
    expect(canvas.getByText(hint)).toBeVisible();
    expect(canvas.getByText(wholeText(`We sent a code to ${maskedEmail}.`))).toBeVisible();
    expect(canvas.getByText('Expires in 2:55')).toBeVisible();
    const code = canvas.getByRole('textbox', { name: 'Code' });
    await waitFor(() => expect(code).toHaveFocus());
    expect(code).toHaveAttribute('autocomplete', 'one-time-code');
    expect(code).toHaveAttribute('inputmode', 'numeric');
  },
};

export const HintIsText: Story = {
  args: {
    services: fakePool({
      signIn: async () => ({
        type: 'customChallenge',
        parameters: { hint: '<img src=x onerror=alert(1)> Enter the code' },
      }),
    }),
  },
  play: async ({ canvasElement }) => {
    const canvas = await openChallenge(canvasElement);
    expect(canvas.getByText('<img src=x onerror=alert(1)> Enter the code')).toBeVisible();
    expect(canvasElement.querySelector('img')).toBeNull();
  },
};

export const PastedCode: Story = {
  args: { services: fakePool() },
  play: async ({ canvasElement }) => {
    const canvas = await openChallenge(canvasElement);
    await userEvent.click(canvas.getByLabelText('Code'));
    await userEvent.paste('123 - 456');
    expect(await canvas.findByRole('heading', { name: 'Signed in as alice' })).toBeVisible();
  },
};

export const WrongAnswerWithRoundsLeft: Story = {
  args: { services: fakePool() },
  play: async ({ canvasElement }) => {
    const canvas = await openChallenge(canvasElement);
    const code = canvas.getByRole('textbox', { name: 'Code' });
    await userEvent.type(code, wrongCode);
    // One message, under the field and read with it: what was wrong, and the tries left.
    const alert = await canvas.findByRole('alert');
    expect(alert).toHaveTextContent('Incorrect code. 2 attempts left.');
    expect(alert).toBeVisible();
    await waitFor(() => expect(code).toHaveValue(''));
    expect(code).toHaveAttribute('aria-invalid', 'true');
    expect(code).toHaveAccessibleDescription(/Incorrect code\. 2 attempts left\./);
    await userEvent.type(code, rightCode);
    expect(await canvas.findByRole('heading', { name: 'Signed in as alice' })).toBeVisible();
  },
};

/** A wrong code with one attempt left: the message sits right under the field. */
export const WrongCodeLastAttempt: Story = {
  args: { services: fakePool({}, { maxAttempts: 2 }) },
  play: async ({ canvasElement }) => {
    const canvas = await openChallenge(canvasElement);
    const code = canvas.getByLabelText('Code');
    await userEvent.type(code, wrongCode);
    const alert = await canvas.findByRole('alert');
    await waitFor(() => expect(alert).toHaveTextContent('Incorrect code. 1 attempt left.'));
    const field = code.getBoundingClientRect();
    // Right under the field and its help line (it came after the attempts and expiry lines,
    // 131 px down at 1280x800).
    expect(alert.getBoundingClientRect().top - field.bottom).toBeLessThan(80);
  },
};

export const AttemptsUsedUp: Story = {
  args: { services: fakePool({}, { maxAttempts: 1 }) },
  play: async ({ canvasElement }) => {
    const canvas = await openChallenge(canvasElement);
    await userEvent.type(canvas.getByLabelText('Code'), wrongCode);
    await canvas.findByRole('form', { name: 'Sign in' });
    expect(canvas.getByRole('alert')).toHaveTextContent('Too many wrong answers. Sign in again.');
    expect(canvas.getByLabelText('Username')).toHaveValue('alice');
  },
};

export const SessionRejected: Story = {
  args: {
    services: fakePool({
      confirmSignIn: async () => {
        throw cognitoError('NotAuthorizedException', 'Invalid session for the user.');
      },
    }),
  },
  play: async ({ canvasElement }) => {
    const canvas = await openChallenge(canvasElement);
    await userEvent.type(canvas.getByLabelText('Code'), rightCode);
    await canvas.findByRole('form', { name: 'Sign in' });
    expect(canvas.getByRole('alert')).toHaveTextContent('Time ran out. Sign in again.');
  },
};

/** The last 30 s: the countdown is marked (`data-state="ending"`) and stands out. */
export const AboutToExpire: Story = {
  args: { services: fakePool(), sessionValidityMs: 35_000, expiryMarginMs: 5_000 },
  play: async ({ canvasElement }) => {
    const canvas = await openChallenge(canvasElement);
    const expiry = canvas.getByText('Expires in 0:30');
    expect(expiry).toHaveAttribute('data-state', 'ending');
    expect(await canvas.findByText('Expires in 0:29', {}, { timeout: 2_000 })).toBeVisible();
  },
};

/** Time ran out: the same screen offers a new code for the same user, with focus on it. */
export const Expired: Story = {
  args: { services: fakePool(), sessionValidityMs: 6_000, expiryMarginMs: 5_000 },
  play: async ({ canvasElement }) => {
    const canvas = await openChallenge(canvasElement);
    const again = await canvas.findByRole(
      'button',
      { name: 'Send a new code' },
      { timeout: 3_000 },
    );
    expect(canvas.getByRole('form', { name: 'Enter your code' })).toBeVisible();
    expect(canvas.getByRole('alert')).toHaveTextContent('Time ran out.');
    await waitFor(() => expect(again).toHaveFocus());
    expect(canvas.queryByLabelText('Code')).toBeNull();
  },
};

export const ResendCooldown: Story = {
  args: { services: fakePool() },
  play: async ({ canvasElement }) => {
    const canvas = await openChallenge(canvasElement);
    // Focusable through the cooldown, its wait in its name.
    const resend = canvas.getByRole('button', { name: /^Resend code in \d+ s$/ });
    expect(resend).toHaveAttribute('aria-disabled', 'true');
    expect(resend).toBeEnabled();
    expect(resend).toHaveTextContent('Resend code in 30 s');
  },
};

export const ResendAfterCooldown: Story = {
  args: { services: fakePool(), resendCooldownMs: 1_000 },
  play: async ({ canvasElement }) => {
    const canvas = await openChallenge(canvasElement);
    const code = canvas.getByRole('textbox', { name: 'Code' });
    await userEvent.type(code, '12');
    const resend = await canvas.findByRole('button', { name: 'Resend code' }, { timeout: 2_000 });
    await userEvent.click(resend);
    await waitFor(() => expect(code).toHaveValue(''));
    expect(canvas.getByRole('button', { name: /^Resend code in \d+ s$/ })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    expect(
      await canvas.findByRole('button', { name: 'Resend code' }, { timeout: 2_500 }),
    ).not.toHaveAttribute('aria-disabled');
  },
};

/** A challenge kept in sessionStorage reopens after a page reload, clocks included. */
export const ResumedAfterReload: Story = {
  args: {
    services: fakePool({
      loadPendingChallenge: async () => ({
        username: 'alice',
        challenge: {
          hint,
          parameters: challengeParameters({ attemptsLeft: '2' }),
          round: 2,
          expiresAt: Date.now() + 60_000,
          resendAvailableAt: Date.now(),
        },
      }),
    }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('form', { name: 'Enter your code' });
    expect(canvas.getByText(hint)).toBeVisible();
    expect(canvas.getByRole('alert')).toHaveTextContent('2 attempts left');
    expect(canvas.getByText(/^Expires in (1:00|0:59)$/)).toBeVisible();
    expect(canvas.getByRole('button', { name: 'Resend code' })).toBeEnabled();
  },
};

export const BackToSignIn: Story = {
  args: { services: fakePool() },
  play: async ({ canvasElement }) => {
    const canvas = await openChallenge(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Not you?' }));
    expect(await canvas.findByLabelText('Username')).toHaveValue('alice');
  },
};

export const Answering: Story = {
  args: { services: fakePool({ confirmSignIn: never }) },
  play: async ({ canvasElement }) => {
    const canvas = await openChallenge(canvasElement);
    await userEvent.type(canvas.getByLabelText('Code'), rightCode);
    const form = canvas.getByRole('form', { name: 'Enter your code' });
    await waitFor(() => expect(form).toHaveAttribute('aria-busy', 'true'));
    const confirm = canvas.getByRole('button', { name: 'Checking…' });
    expect(confirm).toHaveAttribute('aria-disabled', 'true');
    await waitFor(() => expect(confirm).toHaveFocus());
    expect(canvas.getByLabelText('Code')).toBeDisabled();
    // "Not you?" stays a way out.
    expect(canvas.getByRole('button', { name: 'Not you?' })).toBeEnabled();
  },
};

export const AnswerCancelled: Story = {
  args: { services: fakePool({ confirmSignIn: never }) },
  play: async ({ canvasElement }) => {
    const canvas = await openChallenge(canvasElement);
    await userEvent.type(canvas.getByLabelText('Code'), rightCode);
    await canvas.findByRole('button', { name: 'Checking…' });
    await userEvent.click(canvas.getByRole('button', { name: 'Not you?' }));
    expect(await canvas.findByLabelText('Username')).toHaveValue('alice');
    expect(canvas.getByRole('button', { name: 'Sign in' })).not.toHaveAttribute('aria-disabled');
  },
};

/** Right to left, with what the trigger sent in English: each keeps its own direction. */
export const ArabicWithEnglishHint: Story = {
  args: {
    locale: ar,
    services: fakePool({
      signIn: async () => ({
        type: 'customChallenge',
        parameters: challengeParameters({
          hint: 'Enter the 6-digit code (check your spam folder!)',
          destination: '+1 ***-***-1234',
        }),
      }),
    }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(await canvas.findByLabelText(ar.username), 'alice{Enter}');
    const hint = await canvas.findByText('Enter the 6-digit code (check your spam folder!)');
    expect(hint).toHaveAttribute('dir', 'auto');
    // The English hint reads left to right, its "!)" at its end, inside a right-to-left page.
    expect(getComputedStyle(hint).direction).toBe('ltr');
    expect(getComputedStyle(hint.parentElement as HTMLElement).direction).toBe('rtl');
    expect([...canvasElement.querySelectorAll('bdi')].map((bdi) => bdi.textContent)).toEqual([
      'alice',
      '+1 ***-***-1234',
    ]);
  },
};
