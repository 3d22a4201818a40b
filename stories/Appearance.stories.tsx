import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { ar, CustomAuthenticator, es, signUpWithAmplify } from '../src/index.ts';
import { fakePool, rightCode, wrongCode } from '../test/support/fake-backend.ts';

const meta = {
  title: 'CustomAuthenticator/Appearance',
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

export const Spanish: Story = {
  args: { locale: es, services: fakePool() },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('form', { name: 'Iniciar sesión' });
    await userEvent.type(canvas.getByLabelText('Nombre de usuario'), 'alice');
    await userEvent.click(canvas.getByRole('button', { name: 'Iniciar sesión' }));
    await canvas.findByRole('form', { name: 'Introduce tu código' });
    expect(canvas.getByRole('button', { name: 'Reenviar código en 30 s' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    const code = canvas.getByLabelText('Código');
    await userEvent.type(code, wrongCode);
    expect(await canvas.findByRole('alert')).toHaveTextContent(
      'Código incorrecto. Quedan 2 intentos.',
    );
    await waitFor(() => expect(code).toHaveValue(''));
    await userEvent.type(code, rightCode);
    expect(
      await canvas.findByRole('heading', { name: 'Sesión iniciada como alice' }),
    ).toBeVisible();
    expect(canvas.getByRole('button', { name: 'Cerrar sesión' })).toBeVisible();
  },
};

/** Right to left: the layout mirrors, the code and the masked address stay readable. */
export const Arabic: Story = {
  args: { locale: ar, services: fakePool() },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const form = await canvas.findByRole('form', { name: ar.signInTitle });
    expect(form.closest('[data-part="root"]')).toHaveAttribute('dir', 'rtl');
    expect(form.closest('[data-part="root"]')).toHaveAttribute('lang', 'ar');
    await userEvent.type(canvas.getByLabelText(ar.username), 'alice');
    await userEvent.click(canvas.getByRole('button', { name: ar.signIn }));
    const code = await canvas.findByLabelText(ar.code);
    await userEvent.type(code, wrongCode);
    expect(await canvas.findByRole('alert')).toHaveTextContent(
      `${ar.wrongCode} ${ar.attemptsLeft.two}.`,
    );
    // A label's words start at the right edge of its field, not the left.
    const field = code.getBoundingClientRect();
    const words = document.createRange();
    words.selectNodeContents(canvas.getByText(ar.code, { selector: 'label' }));
    const label = words.getBoundingClientRect();
    expect(Math.abs(label.right - field.right)).toBeLessThan(2);
    expect(label.left - field.left).toBeGreaterThan(20);
  },
};

export const CustomWording: Story = {
  args: {
    services: fakePool(),
    messages: { signInTitle: 'Welcome to Acme', errors: { EmptyUsername: 'Who are you?' } },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('form', { name: 'Welcome to Acme' });
    await userEvent.click(canvas.getByRole('button', { name: 'Sign in' }));
    expect(await canvas.findByRole('alert')).toHaveTextContent('Who are you?');
  },
};

export const DarkTheme: Story = {
  globals: { theme: 'dark' },
  args: { services: fakePool() },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const form = await canvas.findByRole('form', { name: 'Sign in' });
    const root = form.closest('.cca-root');
    await waitFor(() => expect(root).toHaveAttribute('data-theme', 'dark'));
    expect(root).toHaveStyle({ backgroundColor: 'rgb(22, 25, 29)', color: 'rgb(238, 241, 244)' });
    await userEvent.type(canvas.getByLabelText('Username'), 'alice{Enter}');
    await canvas.findByRole('form', { name: 'Enter your code' });
    await userEvent.type(canvas.getByLabelText('Code'), wrongCode);
    expect(await canvas.findByRole('alert')).toHaveStyle({ color: 'rgb(255, 180, 171)' });
  },
};

export const HeaderAndFooter: Story = {
  args: {
    services: fakePool(),
    components: {
      Header: () => <p>Acme Corp</p>,
      Footer: () => <p>Need help? Write to help@example.com.</p>,
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    expect(await canvas.findByText('Acme Corp')).toBeVisible();
    expect(canvas.getByText('Need help? Write to help@example.com.')).toBeVisible();
  },
};
