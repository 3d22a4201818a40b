import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { CustomAuthenticator, signUpWithAmplify } from '../src/index.ts';
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
    expect(canvas.getByText(`We sent a code to ${maskedEmail}.`)).toBeVisible();
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
    expect(await canvas.findByRole('alert')).toHaveTextContent('That is not right.');
    expect(canvas.getByText('2 attempts left')).toBeVisible();
    await waitFor(() => expect(code).toHaveValue(''));
    expect(code).toHaveAttribute('aria-invalid', 'true');
    // Read with the field: the error, and how many tries are left.
    expect(code).toHaveAccessibleDescription(/2 attempts left/);
    expect(code).toHaveAccessibleDescription(/That is not right\. Try again\./);
    await userEvent.type(code, rightCode);
    expect(await canvas.findByRole('heading', { name: 'Signed in as alice' })).toBeVisible();
  },
};

export const LastAttemptLeft: Story = {
  args: { services: fakePool({}, { maxAttempts: 2 }) },
  play: async ({ canvasElement }) => {
    const canvas = await openChallenge(canvasElement);
    await userEvent.type(canvas.getByLabelText('Code'), wrongCode);
    expect(await canvas.findByText('1 attempt left')).toBeVisible();
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

export const AboutToExpire: Story = {
  args: { services: fakePool(), sessionValidityMs: 14_000, expiryMarginMs: 5_000 },
  play: async ({ canvasElement }) => {
    const canvas = await openChallenge(canvasElement);
    expect(canvas.getByText('Expires in 0:09')).toBeVisible();
    expect(await canvas.findByText('Expires in 0:08', {}, { timeout: 2_000 })).toBeVisible();
  },
};

export const Expired: Story = {
  args: { services: fakePool(), sessionValidityMs: 6_000, expiryMarginMs: 5_000 },
  play: async ({ canvasElement }) => {
    const canvas = await openChallenge(canvasElement);
    await canvas.findByRole('form', { name: 'Sign in' }, { timeout: 3_000 });
    expect(canvas.getByRole('alert')).toHaveTextContent('Time ran out. Sign in again.');
  },
};

export const ResendCooldown: Story = {
  args: { services: fakePool() },
  play: async ({ canvasElement }) => {
    const canvas = await openChallenge(canvasElement);
    const resend = canvas.getByRole('button', { name: /^Resend code in \d+ s$/ });
    expect(resend).toBeDisabled();
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
    expect(canvas.getByRole('button', { name: /^Resend code in \d+ s$/ })).toBeDisabled();
    expect(
      await canvas.findByRole('button', { name: 'Resend code' }, { timeout: 2_500 }),
    ).toBeEnabled();
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
    expect(canvas.getByText('2 attempts left')).toBeVisible();
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
    expect(canvas.getByRole('button', { name: 'Confirm' })).toBeDisabled();
    expect(canvas.getByLabelText('Code')).toBeDisabled();
  },
};
