import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { CustomAuthenticator, passkeyEnrollmentPart, passkeyPart } from '../src/index.ts';
import { type FakeStep, fakeChain, rightCode } from '../test/support/fake-backend.ts';

const toBase64url = (text: string) =>
  btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** `anyOf(passkeyStep(), codeStep())`'s first round: a passkey, or the code. */
const passkeyOrCode: FakeStep = {
  parameters: {
    type: 'passkey',
    alternatives: 'passkey,code',
    alternative: '0',
    publicKey: JSON.stringify({
      challenge: toBase64url('story-challenge'),
      rpId: 'localhost',
      allowCredentials: [],
      userVerification: 'required',
      timeout: 60_000,
    }),
  },
  answer: 'never-given',
};
const code: FakeStep = { parameters: { type: 'code', codeLength: '6' }, answer: rightCode };
const enrolment: FakeStep = {
  parameters: {
    type: 'passkeyEnrollment',
    publicKey: JSON.stringify({
      challenge: toBase64url('story-challenge'),
      rp: { id: 'localhost', name: 'Storybook' },
      user: { id: toBase64url('alice'), name: 'alice', displayName: 'alice' },
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
      excludeCredentials: [],
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
      attestation: 'none',
    }),
  },
  answer: 'skip',
};

const meta = {
  title: 'CustomAuthenticator/Passkeys',
  component: CustomAuthenticator,
  tags: ['autodocs'],
  args: {
    components: { challenges: { passkey: passkeyPart, passkeyEnrollment: passkeyEnrollmentPart } },
  },
  argTypes: { services: { control: false }, components: { control: false } },
} satisfies Meta<typeof CustomAuthenticator>;

export default meta;
type Story = StoryObj<typeof meta>;

async function signIn(canvasElement: HTMLElement) {
  const canvas = within(canvasElement);
  await userEvent.type(await canvas.findByLabelText('Username'), 'alice{Enter}');
  return canvas;
}

/**
 * The passkey step, with the code beside it. The story's browser has no passkey for it, so the
 * prompt closes at once (or, without WebAuthn, the code comes by itself): "Use a code instead".
 */
export const PasskeyOrCode: Story = {
  args: { services: fakeChain([passkeyOrCode]) },
  play: async ({ canvasElement }) => {
    const canvas = await signIn(canvasElement);
    await canvas.findByRole('form', { name: 'Sign in with a passkey' });
    expect(canvas.getByRole('button', { name: 'Use a code instead' })).toBeVisible();
  },
};

/** Replaces the browser's passkey prompt for one story: it is closed (cancelled) at once. */
function promptClosedAtOnce() {
  const get = navigator.credentials.get;
  navigator.credentials.get = () =>
    Promise.reject(new DOMException('The prompt was closed.', 'NotAllowedError'));
  return () => {
    navigator.credentials.get = get;
  };
}

/** The prompt was closed: it can be opened again, and the code is beside it. */
export const PromptClosed: Story = {
  args: { services: fakeChain([passkeyOrCode]) },
  beforeEach: promptClosedAtOnce,
  play: async ({ canvasElement }) => {
    const canvas = await signIn(canvasElement);
    expect(await canvas.findByText(/No passkey was used/)).toBeVisible();
    expect(canvas.getByRole('button', { name: 'Use a passkey' })).toBeVisible();
    expect(canvas.getByRole('button', { name: 'Use a code instead' })).toBeVisible();
  },
};

/** A passkey step with no other way, in a browser that cannot use passkeys. */
export const BrowserWithoutPasskeys: Story = {
  args: {
    services: fakeChain([
      { ...passkeyOrCode, parameters: { ...passkeyOrCode.parameters, alternatives: '' } },
    ]),
  },
  beforeEach: () => {
    const saved = window.PublicKeyCredential;
    Reflect.deleteProperty(window, 'PublicKeyCredential');
    return () => {
      window.PublicKeyCredential = saved;
    };
  },
  play: async ({ canvasElement }) => {
    const canvas = await signIn(canvasElement);
    expect(await canvas.findByText('This browser cannot use passkeys.')).toBeVisible();
  },
};

/** After a code, the offer of a passkey, and "Not now". */
export const OfferAfterCode: Story = {
  args: { services: fakeChain([code, enrolment]) },
  play: async ({ canvasElement }) => {
    localStorage.clear();
    const canvas = await signIn(canvasElement);
    await userEvent.type(await canvas.findByLabelText('Code'), rightCode);
    await canvas.findByRole('form', { name: 'Sign in faster next time' });
    expect(canvas.getByRole('button', { name: 'Create a passkey' })).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Not now' }));
    expect(await canvas.findByRole('heading', { name: 'Signed in as alice' })).toBeVisible();
  },
};
