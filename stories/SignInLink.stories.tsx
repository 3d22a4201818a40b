import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { ar, CustomAuthenticator, type PendingChallenge } from '../src/index.ts';
import { fakePool, never } from '../test/support/fake-backend.ts';

const mallory = { username: 'mallory', userId: 'mallory-sub' };

/**
 * What `signInLinks()` resumes when the page was opened with a link another browser asked
 * for: the question, with where the link was mailed, and the token for this sign-in alone.
 */
const linkFromElsewhere = async (): Promise<PendingChallenge> => ({
  username: '',
  challenge: {
    parameters: { type: 'linkConfirmation', destination: 'm***@e***.com' },
    round: 1,
    expiresAt: Date.now() + 120_000,
    resendAvailableAt: 0,
  },
  link: 'k1.e30.signature',
});

const question = 'Continue signing in as m***@e***.com?';

const meta = {
  title: 'CustomAuthenticator/Sign-in link from another browser',
  component: CustomAuthenticator,
  tags: ['autodocs'],
  args: {
    services: fakePool({
      loadPendingChallenge: linkFromElsewhere,
      answerOnClient: async () => ({ type: 'done', user: mallory }),
    }),
  },
  argTypes: {
    services: { control: false },
    children: { control: false },
  },
} satisfies Meta<typeof CustomAuthenticator>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Continue: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('form', { name: question });
    expect(
      canvas.getByText(
        'This sign-in link was requested in another browser or on another device. Continue only if you requested it.',
      ),
    ).toBeVisible();
    // Focus starts on Cancel, so that a reflexive Enter signs no one in.
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Cancel' })).toHaveFocus());
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    expect(await canvas.findByRole('heading', { name: 'Signed in as mallory' })).toBeVisible();
  },
};

export const Cancel: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('form', { name: question });
    await userEvent.click(canvas.getByRole('button', { name: 'Cancel' }));
    const username = await canvas.findByRole('textbox', { name: 'Username' });
    expect(username).toHaveValue('');
    expect(canvas.queryByRole('heading', { name: 'Signed in as mallory' })).not.toBeInTheDocument();
  },
};

export const UsingTheLink: Story = {
  args: {
    services: fakePool({ loadPendingChallenge: linkFromElsewhere, answerOnClient: never }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const form = await canvas.findByRole('form', { name: question });
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(form).toHaveAttribute('aria-busy', 'true'));
    expect(canvas.getByRole('button', { name: 'Signing in…' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    expect(canvas.getByRole('button', { name: 'Cancel' })).toBeEnabled();
  },
};

export const RightToLeft: Story = {
  args: { locale: ar },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('form', { name: 'هل تريد متابعة تسجيل الدخول باسم m***@e***.com؟' });
    expect(canvasElement.querySelector('[data-part="root"]')).toHaveAttribute('dir', 'rtl');
    expect(canvas.getByRole('button', { name: 'متابعة' })).toBeVisible();
  },
};
