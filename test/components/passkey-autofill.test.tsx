import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { passkeyAutofillSignIn, passkeyPart } from '../../src/index.ts';
import type { SignInStep } from '../../src/machine/index.ts';
import { alice, challengeStep, fakeServices } from '../support/fake-services.ts';
import { renderAuthenticator } from '../support/render-authenticator.tsx';

const toBase64url = (text: string) => Buffer.from(text).toString('base64url');
const buffer = (text: string) => new TextEncoder().encode(text).buffer;

const handlerOptions = {
  challenge: toBase64url('challenge-before-anyone'),
  rpId: 'localhost',
  allowCredentials: [],
  userVerification: 'required',
  timeout: 60_000,
};

const assertion = {
  id: toBase64url('passkey-1'),
  rawId: buffer('passkey-1'),
  authenticatorAttachment: 'platform',
  response: {
    clientDataJSON: buffer('{"type":"webauthn.get"}'),
    authenticatorData: buffer('authenticator-data'),
    signature: buffer('signature'),
    userHandle: buffer('alice'),
  },
};

/**
 * A browser with passkey autofill whose prompt `answer` settles (or never, by default), and
 * a challenge handler behind fetch.
 */
function stubBrowser(answer: () => Promise<unknown> = () => new Promise(() => {})) {
  const signals: AbortSignal[] = [];
  const get = vi.fn((options: CredentialRequestOptions) => {
    if (options.signal) signals.push(options.signal);
    return answer();
  });
  Object.defineProperty(navigator, 'credentials', { value: { get }, configurable: true });
  const PublicKeyCredential = Object.assign(class {}, {
    isConditionalMediationAvailable: async () => true,
  });
  Object.defineProperty(window, 'PublicKeyCredential', {
    value: PublicKeyCredential,
    configurable: true,
  });
  vi.stubGlobal('PublicKeyCredential', PublicKeyCredential);
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => Response.json({ publicKey: handlerOptions })),
  );
  return { get, signals };
}

function render(
  first: SignInStep,
  confirmSignIn = vi.fn(async (_answer: string): Promise<SignInStep> => first),
) {
  const services = fakeServices({ signIn: async () => first, confirmSignIn });
  const autofill = passkeyAutofillSignIn({ challengeUrl: '/passkeys', services });
  const view = renderAuthenticator(
    { components: { SignIn: autofill.SignIn, challenges: { passkey: passkeyPart } } },
    { ...services, ...autofill.services } as typeof services,
  );
  return { ...view, services };
}

describe('<CustomAuthenticator> with passkeys in the username’s autofill', () => {
  afterEach(() => {
    Reflect.deleteProperty(navigator, 'credentials');
    Reflect.deleteProperty(window, 'PublicKeyCredential');
    vi.unstubAllGlobals();
  });

  it('asks for passkeys in the field’s autofill, and signs in the user of the one picked', async () => {
    const { get } = stubBrowser(async () => assertion);
    const confirmSignIn = vi.fn(
      async (_answer: string): Promise<SignInStep> => ({ type: 'done', user: alice }),
    );
    const { services } = render(
      challengeStep({ type: 'passkey', step: '1', steps: '1' }),
      confirmSignIn,
    );
    await screen.findByRole('heading', { name: 'Signed in as alice' });
    expect(screen.queryByLabelText('Username')).toBeNull();
    expect(get.mock.calls[0]?.[0]).toMatchObject({ mediation: 'conditional' });
    expect(services.signIn).toHaveBeenCalledWith(expect.objectContaining({ username: 'alice' }));
    expect(JSON.parse(confirmSignIn.mock.calls[0]?.[0] ?? '')).toMatchObject({
      id: toBase64url('passkey-1'),
      response: { userHandle: toBase64url('alice') },
    });
  });

  it('gives the field the webauthn token, and closes the autofill’s request on a typed sign-in', async () => {
    const { signals } = stubBrowser();
    const view = render(challengeStep({ type: 'code', step: '1', steps: '1', codeLength: '6' }));
    const field = await screen.findByLabelText('Username');
    expect(field.getAttribute('autocomplete')).toBe('username webauthn');
    await waitFor(() => expect(signals.filter((signal) => !signal.aborted)).toHaveLength(1));
    await view.user.type(field, 'bob{Enter}');
    await screen.findByLabelText('Code');
    expect(signals.every((signal) => signal.aborted)).toBe(true);
    expect(view.services.confirmSignIn).not.toHaveBeenCalled();
  });

  it('leaves the form as it was when no challenge comes', async () => {
    const { get } = stubBrowser();
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('Bad gateway', { status: 502 })),
    );
    const view = render(challengeStep({ type: 'code', step: '1', steps: '1', codeLength: '6' }));
    await view.user.type(await screen.findByLabelText('Username'), 'bob{Enter}');
    await screen.findByLabelText('Code');
    expect(get).not.toHaveBeenCalled();
  });
});
