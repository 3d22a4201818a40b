import { afterEach, describe, expect, it, vi } from 'vitest';
import { passkeyAutofill } from '../../src/challenges/passkey/autofill-client.ts';
import {
  createPasskeyAnswer,
  getPasskeyAnswer,
  readPasskeyOptions,
} from '../../src/challenges/passkey/client.ts';
import { passkeyEnrollmentStep } from '../../src/challenges/passkey/enrollment-step.ts';
import type {
  PasskeyCreationOptionsJSON,
  PasskeyRequestOptionsJSON,
} from '../../src/challenges/passkey/protocol.ts';
import { passkeyChallengeHandler } from '../../src/challenges/passkey/server/challenge-handler.ts';
import { createMemoryPasskeyStore } from '../../src/challenges/passkey/server/passkey-store.ts';
import { passkeyStep } from '../../src/challenges/passkey/step.ts';
import type { SignInStep } from '../../src/machine/types.ts';
import type { CustomChallengeStep } from '../../src/triggers/chain/chain-step.ts';
import { createMemoryAttemptStore } from '../../src/triggers/limits/attempt-store.ts';
import { softwareAuthenticator } from '../support/software-authenticator.ts';
import { createEvent, verifyEvent } from './events.ts';

const rpId = 'example.com';
const origin = 'https://app.example.com';
const owner = 'sub:6a3f0c1e-2b4d-4e8f-9a7b-1c2d3e4f5a6b';

const base64url = (bytes: BufferSource) =>
  (bytes instanceof ArrayBuffer
    ? Buffer.from(bytes)
    : Buffer.from((bytes as Uint8Array).buffer, (bytes as Uint8Array).byteOffset, bytes.byteLength)
  ).toString('base64url');
const buffer = (text: string) => {
  const bytes = Buffer.from(text, 'base64url');
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
};

/**
 * `navigator.credentials` over the software authenticator: takes the binary options the
 * browser API takes, and answers with objects shaped as the browser's, buffers and all.
 */
function browserWith(authenticator: ReturnType<typeof softwareAuthenticator>) {
  const credentials = {
    get: vi.fn(async ({ publicKey }: CredentialRequestOptions) => {
      const options = publicKey as PublicKeyCredentialRequestOptions;
      const json = authenticator.assert({
        challenge: base64url(options.challenge),
        allowCredentials: (options.allowCredentials ?? []).map(({ id }) => ({ id: base64url(id) })),
      });
      return {
        id: json.id,
        rawId: buffer(json.rawId),
        authenticatorAttachment: 'platform',
        response: {
          clientDataJSON: buffer(json.response.clientDataJSON),
          authenticatorData: buffer(json.response.authenticatorData),
          signature: buffer(json.response.signature),
          userHandle: buffer(json.response.userHandle),
        },
      };
    }),
    create: vi.fn(async ({ publicKey }: CredentialCreationOptions) => {
      const options = publicKey as PublicKeyCredentialCreationOptions;
      const json = authenticator.register({
        challenge: base64url(options.challenge),
        user: { id: base64url(options.user.id) },
      });
      return {
        id: json.id,
        rawId: buffer(json.rawId),
        authenticatorAttachment: 'platform',
        response: {
          clientDataJSON: buffer(json.response.clientDataJSON),
          attestationObject: buffer(json.response.attestationObject),
          getTransports: () => ['internal', 'hybrid'],
        },
      };
    }),
  };
  vi.stubGlobal('navigator', { credentials });
  return credentials;
}

async function roundOf(step: CustomChallengeStep) {
  const created = await step.create({
    event: createEvent([]),
    round: 1,
    previousMetadata: undefined,
    deliver: async () => {},
    decoySecret: 'decoy-secret',
    decoyEmailDomains: [],
    store: createMemoryAttemptStore(),
    owner,
  });
  const verify = (answer: string) =>
    step.verify({
      event: verifyEvent(answer, created.privateParameters),
      answer,
      privateParameters: created.privateParameters,
      store: createMemoryAttemptStore(),
      owner,
    });
  return { parameters: created.parameters, verify };
}

describe('the client’s passkey calls, against the steps', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('makes a passkey and signs in with it, in the JSON the steps verify', async () => {
    const store = createMemoryPasskeyStore();
    const party = { rpId, origins: [origin], store };
    const browser = browserWith(softwareAuthenticator({ origin, rpId }));

    const enrolment = await roundOf(passkeyEnrollmentStep(party));
    const creation = readPasskeyOptions<PasskeyCreationOptionsJSON>(enrolment.parameters);
    if (!creation) throw new Error('no creation options');
    const registration = await createPasskeyAnswer(creation);
    expect(await enrolment.verify(registration)).toBe(true);
    const [passkey] = await store.list(owner);
    expect(passkey?.transports).toEqual(['internal', 'hybrid']);
    // The browser got binary options: the user handle and challenge decoded.
    const asked = browser.create.mock.calls[0]?.[0].publicKey as PublicKeyCredentialCreationOptions;
    expect(Buffer.from(asked.user.id as Uint8Array).toString()).toBe('alice');

    const signIn = await roundOf(passkeyStep(party));
    const request = readPasskeyOptions<PasskeyRequestOptionsJSON>(signIn.parameters);
    if (!request) throw new Error('no request options');
    const controller = new AbortController();
    const assertion = await getPasskeyAnswer(request, { signal: controller.signal });
    expect(JSON.parse(assertion).response.userHandle).toBe(
      Buffer.from('alice').toString('base64url'),
    );
    expect(browser.get.mock.calls[0]?.[0].signal).toBe(controller.signal);
    expect(await signIn.verify(assertion)).toBe(true);
    // Small enough for Cognito's answer.
    expect(assertion.length + registration.length).toBeLessThan(2048);
  });

  it('reads no options from a malformed parameter', () => {
    for (const publicKey of [undefined, '', '{', '{}', 'null', '{"challenge":1}']) {
      expect(readPasskeyOptions(publicKey === undefined ? {} : { publicKey })).toBeNull();
    }
  });
});

/** A browser with passkey autofill (or without), whose fetch reaches the challenge handler. */
function autofillBrowser(
  handler: ReturnType<typeof passkeyChallengeHandler>,
  available: boolean | 'not asked' = true,
) {
  const PublicKeyCredential = Object.assign(() => {}, {
    ...(available !== 'not asked' && { isConditionalMediationAvailable: async () => available }),
  });
  vi.stubGlobal('PublicKeyCredential', PublicKeyCredential);
  vi.stubGlobal('window', { PublicKeyCredential });
  const fetch = vi.fn(async (_url: string, init: RequestInit) => {
    const answer = await handler({ httpMethod: init.method, headers: { origin } });
    return new Response(answer.body, { status: answer.statusCode, headers: answer.headers });
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

describe('passkeyAutofill: a sign-in from the username field’s autofill', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  async function enrolled() {
    const store = createMemoryPasskeyStore();
    const party = { rpId, origins: [origin], store };
    const authenticator = softwareAuthenticator({ origin, rpId });
    const browser = browserWith(authenticator);
    const enrolment = await roundOf(passkeyEnrollmentStep(party));
    const creation = readPasskeyOptions<PasskeyCreationOptionsJSON>(enrolment.parameters);
    expect(await enrolment.verify(await createPasskeyAnswer(creation as never))).toBe(true);
    const fetch = autofillBrowser(passkeyChallengeHandler(party));
    return { party, browser, fetch };
  }

  /** Services over the step: the first round is a real one, and the answer is verified. */
  async function servicesOver(step: CustomChallengeStep, type = 'passkey') {
    const round = await roundOf(step);
    const answers: string[] = [];
    const services = {
      signIn: vi.fn(
        async (): Promise<SignInStep> => ({
          type: 'customChallenge',
          parameters: { ...round.parameters, type },
        }),
      ),
      confirmSignIn: vi.fn(async (answer: string): Promise<SignInStep> => {
        answers.push(answer);
        return (await round.verify(answer))
          ? { type: 'done', user: { username: 'alice', userId: 'alice' } }
          : { type: 'customChallenge', parameters: round.parameters };
      }),
    };
    return { services, answers };
  }

  it('names the user of the passkey picked, and answers that user’s first passkey round with it', async () => {
    const { party, browser, fetch } = await enrolled();
    const { services, answers } = await servicesOver(passkeyStep(party));
    const autofill = passkeyAutofill({ challengeUrl: 'https://passkeys.example.com/', services });
    expect(await autofill.wait(new AbortController().signal)).toBe('alice');
    expect(fetch).toHaveBeenCalledWith(
      'https://passkeys.example.com/',
      expect.objectContaining({ method: 'POST' }),
    );
    expect(browser.get.mock.calls[0]?.[0].mediation).toBe('conditional');
    const done = await autofill.services.signIn?.({ username: 'alice', flow: 'passwordless' });
    expect(done).toMatchObject({ type: 'done' });
    expect(answers).toHaveLength(1);
  });

  it('leaves another user’s sign-in, and a first round of another type, unanswered', async () => {
    const { party } = await enrolled();
    const { services, answers } = await servicesOver(passkeyStep(party), 'code');
    const autofill = passkeyAutofill({ challengeUrl: '/passkeys', services });
    await autofill.wait(new AbortController().signal);
    const bob = await autofill.services.signIn?.({ username: 'bob', flow: 'passwordless' });
    expect(bob).toMatchObject({ type: 'customChallenge' });
    await autofill.wait(new AbortController().signal);
    const alice = await autofill.services.signIn?.({ username: 'alice', flow: 'passwordless' });
    expect(alice).toMatchObject({ type: 'customChallenge', parameters: { type: 'code' } });
    expect(answers).toEqual([]);
  });

  it('answers one sign-in only with the passkey picked', async () => {
    const { party } = await enrolled();
    const { services, answers } = await servicesOver(passkeyStep(party));
    const autofill = passkeyAutofill({ challengeUrl: '/passkeys', services });
    await autofill.wait(new AbortController().signal);
    await autofill.services.signIn?.({ username: 'alice', flow: 'passwordless' });
    await autofill.services.signIn?.({ username: 'alice', flow: 'passwordless' });
    expect(answers).toHaveLength(1);
  });

  it('offers nothing where the browser has no passkey autofill', async () => {
    for (const available of [false, 'not asked'] as const) {
      autofillBrowser(
        passkeyChallengeHandler({ rpId, origins: [origin], store: createMemoryPasskeyStore() }),
        available,
      );
      const autofill = passkeyAutofill({ challengeUrl: '/passkeys' });
      expect(await autofill.wait(new AbortController().signal)).toBeNull();
    }
  });

  it('asks for a fresh challenge before the last one runs out, and stops when told', async () => {
    const store = createMemoryPasskeyStore();
    const fetch = autofillBrowser(
      passkeyChallengeHandler({ rpId, origins: [origin], store, timeoutMs: 10_000 }),
    );
    // A prompt nobody answers: it ends only when aborted.
    const get = vi.fn(
      ({ signal }: CredentialRequestOptions) =>
        new Promise((_, reject) =>
          signal?.addEventListener('abort', () => reject(signal.reason), { once: true }),
        ),
    );
    vi.stubGlobal('navigator', { credentials: { get } });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const stop = new AbortController();
    const waiting = passkeyAutofill({ challengeUrl: '/passkeys' }).wait(stop.signal);
    await vi.waitFor(() => expect(get).toHaveBeenCalledTimes(1));
    await vi.advanceTimersByTimeAsync(5_001);
    await vi.waitFor(() => expect(get).toHaveBeenCalledTimes(2));
    expect(fetch).toHaveBeenCalledTimes(2);
    const [first, second] = get.mock.calls.map(([options]) => options.publicKey?.challenge);
    expect(first).not.toEqual(second);
    stop.abort();
    await expect(waiting).rejects.toThrow();
    expect(get).toHaveBeenCalledTimes(2);
  });

  it('fails clearly when no challenge comes', async () => {
    autofillBrowser(async () => ({ statusCode: 502, headers: {}, body: 'Bad gateway' }));
    const autofill = passkeyAutofill({ challengeUrl: 'https://passkeys.example.com/' });
    await expect(autofill.wait(new AbortController().signal)).rejects.toThrow(
      'No passkey challenge from https://passkeys.example.com/ (HTTP 502).',
    );
  });
});
