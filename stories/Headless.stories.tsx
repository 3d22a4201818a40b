import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { CustomAuthProvider } from '../src/index.ts';
import { fakePool, hint, rightCode, wrongCode } from './fake-services.ts';
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
    expect(await canvas.findByRole('alert')).toHaveTextContent('That is not right. Try again.');
    await waitFor(() => expect(code).toBeEnabled());
    await userEvent.type(code, `${rightCode}{Enter}`);
    expect(await canvas.findByText('You are alice.')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Leave' }));
    expect(await canvas.findByRole('form', { name: 'Log in' })).toBeVisible();
  },
};
