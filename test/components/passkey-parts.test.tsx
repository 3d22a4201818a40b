import { screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { passkeyEnrollmentPart, passkeyPart } from '../../src/index.ts';
import type { SignInStep } from '../../src/machine/index.ts';
import { alice, challengeStep, fakeServices } from '../support/fake-services.ts';
import { renderAuthenticator } from '../support/render-authenticator.tsx';

const toBase64url = (text: string) => Buffer.from(text).toString('base64url');
const buffer = (text: string) => new TextEncoder().encode(text).buffer;

const requestOptions = {
  challenge: toBase64url('challenge-1'),
  rpId: 'localhost',
  allowCredentials: [
    { id: toBase64url('passkey-1'), type: 'public-key', transports: ['internal'] },
  ],
  userVerification: 'required',
  timeout: 60_000,
};
const creationOptions = {
  challenge: toBase64url('challenge-2'),
  rp: { id: 'localhost', name: 'Local' },
  user: { id: toBase64url('alice'), name: 'alice', displayName: 'alice' },
  pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
  excludeCredentials: [],
  authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  attestation: 'none',
};
const passkeyRound = (parameters: Record<string, string> = {}) =>
  challengeStep({
    type: 'passkey',
    publicKey: JSON.stringify(requestOptions),
    alternatives: 'passkey,code',
    alternative: '0',
    step: '1',
    steps: '1',
    ...parameters,
  });
const enrolmentRound = challengeStep({
  type: 'passkeyEnrollment',
  publicKey: JSON.stringify(creationOptions),
  step: '2',
  steps: '2',
});

/** What the browser answers, as objects with buffers; `get`'s and `create`'s calls to inspect. */
function stubBrowser() {
  const credentials = {
    get: vi.fn(
      async (_options: CredentialRequestOptions): Promise<unknown> => ({
        id: toBase64url('passkey-1'),
        rawId: buffer('passkey-1'),
        authenticatorAttachment: 'platform',
        response: {
          clientDataJSON: buffer('{"type":"webauthn.get"}'),
          authenticatorData: buffer('authenticator-data'),
          signature: buffer('signature'),
          userHandle: buffer('alice'),
        },
      }),
    ),
    create: vi.fn(
      async (_options: CredentialCreationOptions): Promise<unknown> => ({
        id: toBase64url('passkey-2'),
        rawId: buffer('passkey-2'),
        authenticatorAttachment: 'platform',
        response: {
          clientDataJSON: buffer('{"type":"webauthn.create"}'),
          attestationObject: buffer('attestation'),
          getTransports: () => ['internal'],
        },
      }),
    ),
  };
  Object.defineProperty(navigator, 'credentials', { value: credentials, configurable: true });
  Object.defineProperty(window, 'PublicKeyCredential', { value: class {}, configurable: true });
  return credentials;
}

const notAllowed = () => Promise.reject(new DOMException('closed', 'NotAllowedError'));

async function signIn(first: SignInStep, confirmSignIn?: (answer: string) => Promise<SignInStep>) {
  const services = fakeServices({
    signIn: async () => first,
    ...(confirmSignIn && { confirmSignIn }),
  });
  const view = renderAuthenticator(
    {
      components: {
        challenges: { passkey: passkeyPart, passkeyEnrollment: passkeyEnrollmentPart },
      },
    },
    services,
  );
  await view.user.type(await screen.findByLabelText('Username'), 'alice{Enter}');
  return view;
}

describe('<CustomAuthenticator> with the passkey parts', () => {
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  afterEach(() => {
    Reflect.deleteProperty(navigator, 'credentials');
    Reflect.deleteProperty(window, 'PublicKeyCredential');
  });

  it('opens the passkey prompt at once and signs in with the assertion', async () => {
    const browser = stubBrowser();
    const { services } = await signIn(passkeyRound(), async () => ({ type: 'done', user: alice }));
    await screen.findByRole('heading', { name: 'Signed in as alice' });
    const asked = browser.get.mock.calls[0]?.[0].publicKey as PublicKeyCredentialRequestOptions;
    expect(new TextDecoder().decode(asked.challenge as ArrayBuffer)).toBe('challenge-1');
    expect(asked.rpId).toBe('localhost');
    const answer = JSON.parse(services.confirmSignIn.mock.calls[0]?.[0] ?? '');
    expect(answer).toMatchObject({
      id: toBase64url('passkey-1'),
      type: 'public-key',
      response: { signature: toBase64url('signature'), userHandle: toBase64url('alice') },
    });
  });

  it('offers the prompt again after it was closed, and the code instead', async () => {
    const browser = stubBrowser();
    const assertion = browser.get.getMockImplementation();
    browser.get.mockImplementation(notAllowed);
    const { user, services } = await signIn(passkeyRound(), async (answer) =>
      answer === 'another-way:1'
        ? challengeStep({ type: 'code', step: '1', steps: '1', attemptsLeft: '3' })
        : { type: 'done', user: alice },
    );
    await screen.findByRole('form', { name: 'Sign in with a passkey' });
    expect(await screen.findByText(/No passkey was used/)).toBeTruthy();
    const calls = browser.get.mock.calls.length;
    if (assertion) browser.get.mockImplementation(assertion);
    await user.click(screen.getByRole('button', { name: 'Use a passkey' }));
    await screen.findByRole('heading', { name: 'Signed in as alice' });
    expect(browser.get).toHaveBeenCalledTimes(calls + 1);
    expect(services.confirmSignIn).not.toHaveBeenCalledWith('another-way:1');
  });

  it('goes on by the code when asked, with no error and the code’s own screen', async () => {
    const browser = stubBrowser();
    browser.get.mockImplementation(() => new Promise(() => {}));
    const { user, services } = await signIn(passkeyRound(), async () =>
      challengeStep({ type: 'code', step: '1', steps: '1', attemptsLeft: '3' }),
    );
    await screen.findByText('Use your passkey in the window your browser shows.');
    await user.click(screen.getByRole('button', { name: 'Use a code instead' }));
    await screen.findByLabelText('Code');
    expect(services.confirmSignIn).toHaveBeenCalledWith('another-way:1');
    expect(screen.queryByRole('alert')?.textContent ?? '').toBe('');
    // The prompt left open was closed with its round.
    const signals = browser.get.mock.calls.map(([options]) => options.signal);
    expect(signals.length).toBeGreaterThan(0);
    expect(signals.every((signal) => signal?.aborted)).toBe(true);
  });

  it('goes on by the code by itself in a browser without passkeys', async () => {
    const { services } = await signIn(passkeyRound(), async () =>
      challengeStep({ type: 'code', step: '1', steps: '1' }),
    );
    await screen.findByLabelText('Code');
    expect(services.confirmSignIn).toHaveBeenCalledWith('another-way:1');
  });

  it('says so in a browser without passkeys when there is no other way', async () => {
    await signIn(passkeyRound({ alternatives: '', alternative: '' }));
    expect(await screen.findByText('This browser cannot use passkeys.')).toBeTruthy();
  });
});

describe('<CustomAuthenticator> offering a passkey after the code', () => {
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  afterEach(() => {
    Reflect.deleteProperty(navigator, 'credentials');
    Reflect.deleteProperty(window, 'PublicKeyCredential');
  });

  it('creates one and sends the registration', async () => {
    const browser = stubBrowser();
    const { user, services } = await signIn(enrolmentRound, async () => ({
      type: 'done',
      user: alice,
    }));
    await screen.findByRole('form', { name: 'Sign in faster next time' });
    await user.click(screen.getByRole('button', { name: 'Create a passkey' }));
    await screen.findByRole('heading', { name: 'Signed in as alice' });
    const asked = browser.create.mock.calls[0]?.[0].publicKey as PublicKeyCredentialCreationOptions;
    expect(new TextDecoder().decode(asked.user.id as ArrayBuffer)).toBe('alice');
    expect(JSON.parse(services.confirmSignIn.mock.calls[0]?.[0] ?? '')).toMatchObject({
      id: toBase64url('passkey-2'),
      response: { attestationObject: toBase64url('attestation'), transports: ['internal'] },
    });
  });

  it('remembers "Not now" for this user: the next offer goes on by itself', async () => {
    const browser = stubBrowser();
    const first = await signIn(enrolmentRound, async () => ({ type: 'done', user: alice }));
    await first.user.click(await screen.findByRole('button', { name: 'Not now' }));
    await screen.findByRole('heading', { name: 'Signed in as alice' });
    expect(first.services.confirmSignIn).toHaveBeenCalledWith('skip');
    first.unmount();

    const again = await signIn(enrolmentRound, async () => ({ type: 'done', user: alice }));
    await screen.findByRole('heading', { name: 'Signed in as alice' });
    expect(again.services.confirmSignIn).toHaveBeenCalledWith('skip');
    expect(browser.create).not.toHaveBeenCalled();
  });

  it('offers none after a sign-in that a passkey of this browser answered', async () => {
    const browser = stubBrowser();
    const { services } = await signIn(passkeyRound(), async (answer) =>
      answer === 'skip' ? { type: 'done', user: alice } : enrolmentRound,
    );
    await screen.findByRole('heading', { name: 'Signed in as alice' });
    expect(services.confirmSignIn).toHaveBeenLastCalledWith('skip');
    expect(browser.create).not.toHaveBeenCalled();
  });

  it('goes on without one in a browser without passkeys', async () => {
    const { services } = await signIn(enrolmentRound, async () => ({ type: 'done', user: alice }));
    await waitFor(() => expect(services.confirmSignIn).toHaveBeenCalledWith('skip'));
  });
});
