import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { CustomAuthenticator, CustomAuthProvider } from '../src/index.ts';
import { fakeChain, fakePool, hint, rightCode, wrongCode } from '../test/support/fake-backend.ts';
import { HeadlessChallenge } from './HeadlessChallenge.tsx';
import { HeadlessSignIn } from './HeadlessSignIn.tsx';

const meta = {
  title: 'useCustomAuth/Custom UI',
  component: CustomAuthProvider,
  tags: ['autodocs'],
  args: { flow: 'passwordless', services: fakePool(), children: <HeadlessSignIn /> },
  argTypes: { services: { control: false }, children: { control: false } },
} satisfies Meta<typeof CustomAuthProvider>;

export default meta;
type Story = StoryObj<typeof meta>;

export const SignInWithOwnScreens: Story = {
  args: { services: fakePool() },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(await canvas.findByLabelText('Your username'), 'alice');
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    await canvas.findByRole('form', { name: 'One-time code' });
    expect(canvas.getByText(hint)).toBeVisible();
    const code = canvas.getByLabelText('Your code');
    await userEvent.type(code, `${wrongCode}{Enter}`);
    expect(await canvas.findByRole('alert')).toHaveTextContent('Incorrect answer.');
    await waitFor(() => expect(code).toBeEnabled());
    await userEvent.type(code, `${rightCode}{Enter}`);
    expect(await canvas.findByText('You are alice.')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Leave' }));
    expect(await canvas.findByRole('form', { name: 'Log in' })).toBeVisible();
  },
};

/** The drop-in's other screens, with a challenge screen of the app's own built on useChallenge. */
export const OwnChallengeScreen: Story = {
  args: {
    services: fakeChain([
      { parameters: { type: 'code', codeLength: '6' }, answer: rightCode },
      { parameters: { type: 'text', hint: 'Your first pet?', secret: 'true' }, answer: 'Rex' },
    ]),
    children: <CustomAuthenticator components={{ Challenge: HeadlessChallenge }} />,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(await canvas.findByLabelText('Username'), 'alice{Enter}');
    const answer = await canvas.findByLabelText('Your answer');
    expect(canvas.getByText('Part 1 of 2')).toBeVisible();
    await waitFor(() => expect(answer).toHaveFocus());
    await userEvent.keyboard(`${wrongCode}{Enter}`);
    expect(await canvas.findByText('Incorrect answer.')).toBeVisible();
    await waitFor(() => expect(answer).toHaveValue(''));
    await userEvent.keyboard(`${rightCode}{Enter}`);
    expect(await canvas.findByText('Your first pet?')).toBeVisible();
    expect(canvas.getByLabelText('Your answer')).toHaveAttribute('type', 'password');
    await userEvent.type(canvas.getByLabelText('Your answer'), 'Rex{Enter}');
    expect(await canvas.findByRole('heading', { name: 'Signed in as alice' })).toBeVisible();
  },
};
