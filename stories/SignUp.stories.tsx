import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { CustomAuthenticator, de, signUpWithAmplify } from '../src/index.ts';
import {
  cognitoError,
  emailDelivery,
  fakePool,
  maskedEmail,
  never,
  rightCode,
} from '../test/support/fake-backend.ts';

const meta = {
  title: 'CustomAuthenticator/Sign up',
  component: CustomAuthenticator,
  tags: ['autodocs'],
  args: { signUp: signUpWithAmplify, initialRoute: 'signUp', services: fakePool() },
  argTypes: {
    signUp: { control: false },
    services: { control: false },
    children: { control: false },
  },
} satisfies Meta<typeof CustomAuthenticator>;

export default meta;
type Story = StoryObj<typeof meta>;

export const SignUp: Story = {
  args: { services: fakePool() },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('form', { name: 'Create account' });
    expect(canvas.queryByLabelText('Password')).not.toBeInTheDocument();
    await userEvent.type(canvas.getByLabelText('Username'), 'bob');
    await userEvent.type(canvas.getByLabelText('Email'), 'bob@example.com');
    await userEvent.click(canvas.getByRole('button', { name: 'Create account' }));
    await canvas.findByRole('form', { name: 'Confirm your account' });
    expect(canvas.getByText(`We sent a code to ${maskedEmail}.`)).toBeVisible();
    await userEvent.type(canvas.getByLabelText('Code'), rightCode);
    await canvas.findByRole('form', { name: 'Enter your code' });
    await userEvent.type(canvas.getByLabelText('Code'), rightCode);
    expect(await canvas.findByRole('heading', { name: 'Signed in as bob' })).toBeVisible();
  },
};

export const WithPasswordAndOptionalPhone: Story = {
  args: {
    services: fakePool(),
    signUpPassword: true,
    signUpAttributes: ['email', { name: 'phone_number', required: false }],
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('form', { name: 'Create account' });
    expect(canvas.getByLabelText('Password')).toHaveAttribute('autocomplete', 'new-password');
    expect(canvas.getByLabelText('Phone number (optional)')).toHaveAttribute('type', 'tel');
  },
};

export const MissingEmail: Story = {
  args: { services: fakePool() },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(await canvas.findByLabelText('Username'), 'bob');
    await userEvent.click(canvas.getByRole('button', { name: 'Create account' }));
    const email = canvas.getByLabelText('Email');
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription('Email is required.');
    expect(email).toHaveFocus();
  },
};

/** An empty submit: every field says what it lacks, under itself; focus on the first. */
export const EveryFieldFlagged: Story = {
  args: {
    services: fakePool(),
    flow: 'passwordThenCode',
    signUpAttributes: ['email', 'phone_number'],
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('form', { name: 'Create account' });
    await userEvent.click(canvas.getByRole('button', { name: 'Create account' }));
    const expected = {
      Username: 'Enter your username.',
      Email: 'Email is required.',
      'Phone number': 'Phone number is required.',
    };
    for (const [label, message] of Object.entries(expected)) {
      const field = canvas.getByLabelText(label);
      expect(field).toHaveAttribute('aria-invalid', 'true');
      expect(field).toHaveAccessibleDescription(message);
    }
    const password = canvas.getByLabelText('Password');
    expect(password).toHaveAttribute('aria-invalid', 'true');
    expect(password).toHaveAccessibleDescription(expect.stringContaining('Enter your password.'));
    expect(canvas.getByLabelText('Username')).toHaveFocus();
  },
};

/** The password rules under the field before any submit: Cognito's default policy. */
export const PasswordRules: Story = {
  args: { services: fakePool(), flow: 'passwordThenCode' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('form', { name: 'Create account' });
    expect(canvas.getByLabelText('Password')).toHaveAccessibleDescription(
      'Your password needs at least 8 characters, an uppercase letter, a lowercase letter, a number, and a symbol.',
    );
  },
};

/** The pool's own rules, passed as `passwordPolicy`, in the drop-in's language. */
export const PasswordRulesFromThePool: Story = {
  args: {
    services: fakePool(),
    flow: 'passwordThenCode',
    locale: de,
    passwordPolicy: { minLength: 12, requireNumbers: true, requireSpecialCharacters: true },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('form', { name: 'Konto erstellen' });
    const password = canvas.getByLabelText('Passwort');
    expect(password).toHaveAccessibleDescription(
      'Ihr Passwort braucht mindestens 12 Zeichen, eine Ziffer und ein Sonderzeichen.',
    );
    await userEvent.type(password, 'kurz1!{Enter}');
    expect(password).toHaveAttribute('aria-invalid', 'true');
  },
};

export const CreatingAccount: Story = {
  args: { services: fakePool({ signUp: never }) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(await canvas.findByLabelText('Username'), 'bob');
    await userEvent.type(canvas.getByLabelText('Email'), 'bob@example.com{Enter}');
    const form = canvas.getByRole('form', { name: 'Create account' });
    await waitFor(() => expect(form).toHaveAttribute('aria-busy', 'true'));
    expect(canvas.getByRole('button', { name: 'Creating account…' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
  },
};

/** An unconfirmed user who tries to sign in is sent a fresh code and asked to confirm. */
export const ConfirmSignUp: Story = {
  args: { initialRoute: 'signIn', services: fakePool({}, { unconfirmed: true }) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(await canvas.findByLabelText('Username'), 'carol{Enter}');
    await canvas.findByRole('form', { name: 'Confirm your account' });
    expect(canvas.getByText(`We sent a code to ${maskedEmail}.`)).toBeVisible();
    await userEvent.type(canvas.getByLabelText('Code'), rightCode);
    await canvas.findByRole('form', { name: 'Enter your code' });
    await userEvent.type(canvas.getByLabelText('Code'), rightCode);
    expect(await canvas.findByRole('heading', { name: 'Signed in as carol' })).toBeVisible();
  },
};

const resendSignUpCode = fn(async () => emailDelivery);

export const ConfirmationCodeResent: Story = {
  args: { initialRoute: 'signIn', services: fakePool({ resendSignUpCode }, { unconfirmed: true }) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(await canvas.findByLabelText('Username'), 'carol{Enter}');
    await canvas.findByRole('form', { name: 'Confirm your account' });
    await userEvent.click(canvas.getByRole('button', { name: 'Resend code' }));
    await waitFor(() => expect(resendSignUpCode).toHaveBeenCalledTimes(2));
    expect(canvas.getByRole('button', { name: 'Resend code' })).toBeEnabled();
    expect(canvas.getByText(`We sent a code to ${maskedEmail}.`)).toBeVisible();
  },
};

export const WrongConfirmationCode: Story = {
  args: { services: fakePool() },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(await canvas.findByLabelText('Username'), 'bob');
    await userEvent.type(canvas.getByLabelText('Email'), 'bob@example.com{Enter}');
    await userEvent.type(await canvas.findByLabelText('Code'), '654321');
    expect(await canvas.findByRole('alert')).toHaveTextContent(
      'That confirmation code is not right.',
    );
    expect(canvas.getByLabelText('Code')).toHaveAttribute('aria-invalid', 'true');
  },
};

export const ExpiredConfirmationCode: Story = {
  args: {
    services: fakePool({
      confirmSignUp: async () => {
        throw cognitoError(
          'ExpiredCodeException',
          'Invalid code provided, please request a code again.',
        );
      },
    }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(await canvas.findByLabelText('Username'), 'bob');
    await userEvent.type(canvas.getByLabelText('Email'), 'bob@example.com{Enter}');
    await userEvent.type(await canvas.findByLabelText('Code'), rightCode);
    expect(await canvas.findByRole('alert')).toHaveTextContent(
      'That confirmation code has expired. Ask for a new one.',
    );
  },
};
