import { afterEach, describe, expect, it, vi } from 'vitest';
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
import { createMemoryPasskeyStore } from '../../src/challenges/passkey/server/passkey-store.ts';
import { passkeyStep } from '../../src/challenges/passkey/step.ts';
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
