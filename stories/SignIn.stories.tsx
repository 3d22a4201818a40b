import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { CustomAuthenticator, signUpWithAmplify } from '../src/index.ts';
import { fakePool, hint, never, rightCode, rightPassword } from '../test/support/fake-backend.ts';

const meta = {
  title: 'CustomAuthenticator/Sign in',
  component: CustomAuthenticator,
  tags: ['autodocs'],
  args: { signUp: signUpWithAmplify, flow: 'passwordless', services: fakePool() },
  argTypes: {
    signUp: { control: false },
    services: { control: false },
    children: { control: false },
  },
} satisfies Meta<typeof CustomAuthenticator>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Passwordless: Story = {
  args: { services: fakePool(), onSignIn: fn() },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const username = await canvas.findByRole('textbox', { name: 'Username' });
    await waitFor(() => expect(username).toHaveFocus());
    expect(canvas.queryByLabelText('Password')).not.toBeInTheDocument();
    await userEvent.type(username, 'alice');
    await userEvent.click(canvas.getByRole('button', { name: 'Sign in' }));
    await canvas.findByRole('form', { name: 'Enter your code' });
    expect(canvas.getByText(hint)).toBeVisible();
    await userEvent.type(canvas.getByRole('textbox', { name: 'Code' }), rightCode);
    expect(await canvas.findByRole('heading', { name: 'Signed in as alice' })).toBeVisible();
    expect(args.onSignIn).toHaveBeenCalledWith({ username: 'alice', userId: 'alice-sub' });
  },
};

export const PasswordThenCode: Story = {
  args: { flow: 'passwordThenCode', services: fakePool() },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(await canvas.findByLabelText('Username'), 'alice');
    await userEvent.type(canvas.getByLabelText('Password'), `${rightPassword}{Enter}`);
    await userEvent.type(await canvas.findByLabelText('Code'), rightCode);
    expect(await canvas.findByRole('heading', { name: 'Signed in as alice' })).toBeVisible();
  },
};

export const WithoutSignUpLink: Story = {
  args: { hideSignUp: true, services: fakePool() },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('form', { name: 'Sign in' });
    expect(canvas.queryByRole('button', { name: /create one/i })).not.toBeInTheDocument();
  },
};

export const CheckingForASession: Story = {
  args: { services: fakePool({ getCurrentUser: never }) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    expect(await canvas.findByRole('status')).toHaveTextContent('Loading…');
  },
};

export const SigningIn: Story = {
  args: { services: fakePool({ signIn: never }) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(await canvas.findByLabelText('Username'), 'alice{Enter}');
    const form = canvas.getByRole('form', { name: 'Sign in' });
    await waitFor(() => expect(form).toHaveAttribute('aria-busy', 'true'));
    expect(form).toHaveAttribute('data-state', 'pending');
    expect(canvas.getByLabelText('Username')).toBeDisabled();
    // The button says what it does, with a spinner, and keeps the focus the field had.
    const button = canvas.getByRole('button', { name: 'Signing in…' });
    expect(button).toHaveAttribute('aria-disabled', 'true');
    expect(button).toHaveAttribute('data-state', 'pending');
    await waitFor(() => expect(button).toHaveFocus());
  },
};

export const EmptyUsername: Story = {
  args: { services: fakePool() },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('form', { name: 'Sign in' });
    await userEvent.click(canvas.getByRole('button', { name: 'Sign in' }));
    expect(await canvas.findByRole('alert')).toHaveTextContent('Enter your username.');
    const username = canvas.getByLabelText('Username');
    expect(username).toHaveAttribute('aria-invalid', 'true');
    expect(username).toHaveAccessibleDescription('Enter your username.');
  },
};
