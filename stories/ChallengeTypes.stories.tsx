import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { LOCAL_CAPTCHA_TOKEN } from '../src/challenges/captcha/protocol.ts';
import {
  ar,
  CaptchaChallenge,
  type ChallengeControls,
  ChoiceChallenge,
  CustomAuthenticator,
} from '../src/index.ts';
import { type FakeStep, fakeChain, rightCode, wrongCode } from '../test/support/fake-backend.ts';
import { wholeText } from '../test/support/text.ts';

const smsCode: FakeStep = {
  parameters: {
    type: 'code',
    codeLength: '6',
    destination: '+*******1234',
    deliveryMedium: 'SMS',
  },
  answer: rightCode,
};
const question: FakeStep = {
  parameters: { type: 'text', hint: 'What was the name of your first pet?', secret: 'true' },
  answer: 'Rex',
};
const channel: FakeStep = {
  parameters: {
    type: 'choice',
    hint: 'Where should we send sign-in alerts?',
    options: JSON.stringify([
      { value: 'email', label: 'Email' },
      { value: 'sms', label: 'Text message' },
    ]),
  },
  answer: 'sms',
};
/** The choice `codeStep({ deliver: 'choice' })` asks: where the code goes. */
const delivery: FakeStep = {
  parameters: {
    type: 'choice',
    purpose: 'delivery',
    hint: 'Where should we send your code?',
    options: JSON.stringify([
      { value: 'email', label: 'Email a***@e***.com' },
      { value: 'sms', label: 'Text +*******1234' },
    ]),
  },
  answer: 'sms',
};
/** The code after that choice: sent where the user picked, naming what was offered. */
const codeWherePicked: FakeStep = {
  parameters: (picked) => ({
    type: 'code',
    codeLength: '6',
    channels: 'email,sms',
    ...(picked === 'sms'
      ? { destination: '+*******1234', deliveryMedium: 'SMS' }
      : { destination: 'a***@e***.com', deliveryMedium: 'EMAIL' }),
  }),
  answer: rightCode,
};
const captcha: FakeStep = {
  parameters: { type: 'captcha', provider: 'local', siteKey: 'local' },
  answer: LOCAL_CAPTCHA_TOKEN,
};
const passkey: FakeStep = {
  parameters: { type: 'passkey', hint: 'Use the security key on your desk.' },
  answer: 'signed-assertion',
};

/** An app's own answer part, for the `passkey` type its triggers define: it answers alone. */
function Passkey({ submit, isPending }: ChallengeControls) {
  return (
    <button type="button" disabled={isPending} onClick={() => submit('signed-assertion')}>
      Use security key
    </button>
  );
}

const challenges = {
  choice: ChoiceChallenge,
  captcha: CaptchaChallenge,
  passkey: { Answer: Passkey, submitsItself: true },
};

async function signIn(canvasElement: HTMLElement) {
  const canvas = within(canvasElement);
  await userEvent.type(await canvas.findByLabelText('Username'), 'alice{Enter}');
  return canvas;
}

const signedIn = (canvas: ReturnType<typeof within>) =>
  canvas.findByRole('heading', { name: 'Signed in as alice' });

const meta = {
  title: 'CustomAuthenticator/Challenge types',
  component: CustomAuthenticator,
  tags: ['autodocs'],
  args: { components: { challenges } },
  argTypes: { services: { control: false }, components: { control: false } },
} satisfies Meta<typeof CustomAuthenticator>;

export default meta;
type Story = StoryObj<typeof meta>;

export const CodeBySms: Story = {
  args: { services: fakeChain([smsCode]) },
  play: async ({ canvasElement }) => {
    const canvas = await signIn(canvasElement);
    await canvas.findByRole('form', { name: 'Check your phone' });
    expect(canvas.getByText(wholeText('We sent a code to +*******1234.'))).toBeVisible();
    await userEvent.type(canvas.getByLabelText('Code'), rightCode);
    expect(await signedIn(canvas)).toBeVisible();
  },
};

export const SecretQuestion: Story = {
  args: { services: fakeChain([question]) },
  play: async ({ canvasElement }) => {
    const canvas = await signIn(canvasElement);
    await canvas.findByRole('form', { name: 'Confirm it’s you' });
    const answer = canvas.getByLabelText('Answer');
    expect(answer).toHaveAttribute('type', 'password');
    await waitFor(() => expect(answer).toHaveFocus());
    expect(canvas.queryByRole('button', { name: /Resend/ })).toBeNull();
    await userEvent.keyboard('Rex{Enter}');
    expect(await signedIn(canvas)).toBeVisible();
  },
};

export const Choice: Story = {
  args: { services: fakeChain([channel]) },
  play: async ({ canvasElement }) => {
    const canvas = await signIn(canvasElement);
    const group = await canvas.findByRole('group', { name: 'Choose one' });
    await waitFor(() => expect(within(group).getByLabelText('Email')).toHaveFocus());
    await userEvent.keyboard('{ArrowDown}');
    expect(within(group).getByLabelText('Text message')).toBeChecked();
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    expect(await signedIn(canvas)).toBeVisible();
  },
};

/** A choice of where the code goes: its button says what it does. */
export const DeliveryChoice: Story = {
  args: { services: fakeChain([delivery, smsCode]) },
  play: async ({ canvasElement }) => {
    const canvas = await signIn(canvasElement);
    const group = await canvas.findByRole('group', { name: 'Choose one' });
    await userEvent.click(within(group).getByLabelText('Text +*******1234'));
    await userEvent.click(canvas.getByRole('button', { name: 'Send code' }));
    await canvas.findByRole('form', { name: 'Check your phone' });
  },
};

/**
 * After a choice of channel, the line under the code offers the other one, at once: the new
 * start picks it, and the code screen comes back, by SMS.
 */
export const SendBySmsInstead: Story = {
  args: { services: fakeChain([{ ...delivery, answer: ['email', 'sms'] }, codeWherePicked]) },
  play: async ({ canvasElement }) => {
    const canvas = await signIn(canvasElement);
    const group = await canvas.findByRole('group', { name: 'Choose one' });
    await userEvent.click(within(group).getByLabelText('Email a***@e***.com'));
    await userEvent.click(canvas.getByRole('button', { name: 'Send code' }));
    await canvas.findByRole('form', { name: 'Check your email' });
    expect(canvas.getByText(/^Didn't get it\?/)).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Send by SMS instead' }));
    await canvas.findByRole('form', { name: 'Check your phone' });
    expect(canvas.getByText(wholeText('We sent a code to +*******1234.'))).toBeVisible();
    expect(canvas.getByRole('button', { name: 'Send by email instead' })).toBeVisible();
  },
};

/** Arabic around English option labels: each label is isolated, so its order holds. */
export const DeliveryChoiceInArabic: Story = {
  args: { locale: ar, services: fakeChain([delivery, smsCode]) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(await canvas.findByLabelText(ar.username), 'alice{Enter}');
    const group = await canvas.findByRole('group', { name: ar.chooseOne ?? '' });
    const email = within(group).getByText('Email a***@e***.com');
    expect(email.tagName).toBe('BDI');
    // Isolated, the label keeps its left-to-right order inside the right-to-left row.
    expect(getComputedStyle(email).unicodeBidi).toBe('isolate');
  },
};

export const LocalCaptcha: Story = {
  args: { services: fakeChain([captcha]) },
  play: async ({ canvasElement }) => {
    const canvas = await signIn(canvasElement);
    const box = await canvas.findByRole('checkbox', { name: 'I am a person (local test check)' });
    await waitFor(() => expect(box).toHaveFocus());
    expect(canvas.queryByRole('button', { name: 'Confirm' })).toBeNull();
    await userEvent.keyboard(' ');
    expect(await signedIn(canvas)).toBeVisible();
  },
};

export const AppDefinedType: Story = {
  args: { services: fakeChain([passkey]) },
  play: async ({ canvasElement }) => {
    const canvas = await signIn(canvasElement);
    expect(await canvas.findByText('Use the security key on your desk.')).toBeVisible();
    expect(canvas.queryByRole('button', { name: 'Confirm' })).toBeNull();
    await userEvent.click(canvas.getByRole('button', { name: 'Use security key' }));
    expect(await signedIn(canvas)).toBeVisible();
  },
};

export const ChainOfThree: Story = {
  args: { services: fakeChain([smsCode, question, channel]) },
  play: async ({ canvasElement }) => {
    const canvas = await signIn(canvasElement);
    expect(await canvas.findByText('Step 1 of 3')).toBeVisible();
    expect(canvas.getByText(wholeText('Signing in as alice. Not you?'))).toBeVisible();
    await userEvent.type(canvas.getByLabelText('Code'), rightCode);
    expect(await canvas.findByText('Step 2 of 3')).toBeVisible();
    // A right answer is no error; the next step starts with its own attempts.
    expect(canvasElement.querySelector('[data-part="error"]')).toBeEmptyDOMElement();
    const answer = canvas.getByLabelText('Answer');
    await waitFor(() => expect(answer).toHaveFocus());
    await userEvent.keyboard(`${wrongCode}{Enter}`);
    expect(await canvas.findByRole('alert')).toHaveTextContent(
      'Incorrect answer. 2 attempts left.',
    );
    await waitFor(() => expect(answer).toHaveValue(''));
    await userEvent.type(answer, 'Rex{Enter}');
    expect(await canvas.findByText('Step 3 of 3')).toBeVisible();
    await userEvent.click(await canvas.findByLabelText('Text message'));
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    expect(await signedIn(canvas)).toBeVisible();
  },
};
