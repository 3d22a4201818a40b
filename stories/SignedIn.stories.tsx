import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { CustomAuthenticator, signUpWithAmplify } from '../src/index.ts';
import { alice, cognitoError, fakePool, rightCode } from '../test/support/fake-backend.ts';

const meta = {
  title: 'CustomAuthenticator/Signed in',
  component: CustomAuthenticator,
  tags: ['autodocs'],
  args: { signUp: signUpWithAmplify, services: fakePool({}, { signedInAs: alice }) },
  argTypes: {
    signUp: { control: false },
    services: { control: false },
    children: { control: false },
  },
} satisfies Meta<typeof CustomAuthenticator>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Signed in when the page loads: focus stays where the page put it. */
export const DefaultView: Story = {
  args: { services: fakePool({}, { signedInAs: alice }), onSignOut: fn() },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const heading = await canvas.findByRole('heading', { name: 'Signed in as alice' });
    expect(heading).toBeVisible();
    expect(heading).not.toHaveFocus();
    const signOut = canvas.getByRole('button', { name: 'Sign out' });
    expect(signOut).not.toHaveFocus();
    await userEvent.click(signOut);
    expect(await canvas.findByRole('form', { name: 'Sign in' })).toBeVisible();
    expect(args.onSignOut).toHaveBeenCalledOnce();
  },
};

/** Signed in on the page: focus goes to the heading, which screen readers read out. */
export const FocusAfterSignIn: Story = {
  args: { services: fakePool() },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(await canvas.findByLabelText('Username'), 'alice{Enter}');
    await userEvent.type(await canvas.findByLabelText('Code'), rightCode);
    const heading = await canvas.findByRole('heading', { name: 'Signed in as alice' });
    await waitFor(() => expect(heading).toHaveFocus());
  },
};

export const WithChildren: Story = {
  args: {
    services: fakePool({}, { signedInAs: alice }),
    children: ({ user, signOut }) => (
      <main>
        <h1>Welcome back, {user.username}</h1>
        <button type="button" onClick={signOut}>
          Log out
        </button>
      </main>
    ),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    expect(await canvas.findByRole('heading', { name: 'Welcome back, alice' })).toBeVisible();
    expect(canvas.queryByRole('heading', { name: 'Signed in as alice' })).not.toBeInTheDocument();
    await userEvent.click(canvas.getByRole('button', { name: 'Log out' }));
    expect(await canvas.findByRole('form', { name: 'Sign in' })).toBeVisible();
  },
};

export const SignOutFails: Story = {
  args: {
    services: fakePool(
      {
        signOut: async () => {
          throw cognitoError('NetworkError', 'Network error');
        },
      },
      { signedInAs: alice },
    ),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Sign out' }));
    expect(await canvas.findByRole('alert')).toHaveTextContent(
      'Cannot reach the sign-in service. Check your connection.',
    );
    expect(canvas.getByRole('heading', { name: 'Signed in as alice' })).toBeVisible();
  },
};

/** Another tab signs out (Amplify's Hub `signedOut`): this one lands on sign in too. */
export const SignedOutElsewhere: Story = {
  args: {
    services: fakePool(
      {
        listenForSignOut: (onSignedOut) => {
          const timer = setTimeout(onSignedOut, 300);
          return () => clearTimeout(timer);
        },
      },
      { signedInAs: alice },
    ),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    expect(await canvas.findByRole('heading', { name: 'Signed in as alice' })).toBeVisible();
    expect(await canvas.findByRole('form', { name: 'Sign in' })).toBeVisible();
  },
};
