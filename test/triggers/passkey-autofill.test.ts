import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { passkeyEnrollmentStep } from '../../src/challenges/passkey/enrollment-step.ts';
import type { PasskeyChallengeResponse } from '../../src/challenges/passkey/protocol.ts';
import { passkeyChallengeHandler } from '../../src/challenges/passkey/server/challenge-handler.ts';
import type { HttpRequestEvent } from '../../src/challenges/passkey/server/http.ts';
import { createMemoryPasskeyStore } from '../../src/challenges/passkey/server/passkey-store.ts';
import { passkeyStep } from '../../src/challenges/passkey/step.ts';
import type { CustomChallengeStep } from '../../src/triggers/chain/chain-step.ts';
import { createMemoryAttemptStore } from '../../src/triggers/limits/attempt-store.ts';
import { softwareAuthenticator } from '../support/software-authenticator.ts';
import { aliceAttributes, createEvent, verifyEvent } from './events.ts';

const rpId = 'example.com';
const origin = 'https://app.example.com';
const alice = aliceAttributes.sub;

function setup() {
  const store = createMemoryPasskeyStore();
  const party = { rpId, origins: [origin], store };
  return {
    store,
    handler: passkeyChallengeHandler(party),
    signIn: passkeyStep(party),
    enrol: passkeyEnrollmentStep(party),
    authenticator: softwareAuthenticator({ origin, rpId }),
  };
}

async function round(step: CustomChallengeStep, owner = alice, userName = 'alice') {
  const input = { store: createMemoryAttemptStore(), owner };
  const created = await step.create({
    ...input,
    event: createEvent([], { userName }),
    round: 1,
    previousMetadata: undefined,
    deliver: async () => {},
    decoySecret: 'decoy-secret',
    decoyEmailDomains: ['example.com'],
  });
  const verify = (answer: unknown) =>
    step.verify({
      ...input,
      event: verifyEvent('', created.privateParameters, { userName }),
      answer: JSON.stringify(answer),
      privateParameters: created.privateParameters,
    });
  return { options: JSON.parse(created.parameters.publicKey ?? 'null'), verify };
}

const post = (headers: Record<string, string> = { origin }): HttpRequestEvent => ({
  requestContext: { http: { method: 'POST' } },
  headers,
});

async function enrolledWithChallenge() {
  const context = setup();
  const enrolment = await round(context.enrol);
  expect(await enrolment.verify(context.authenticator.register(enrolment.options))).toBe(true);
  const response = await context.handler(post());
  const { publicKey } = JSON.parse(response.body) as PasskeyChallengeResponse;
  return { ...context, response, publicKey };
}

describe('passkeyChallengeHandler: a challenge before anyone is named', () => {
  it('answers a POST from a listed origin with options that list no passkeys', async () => {
    const { response, publicKey } = await enrolledWithChallenge();
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({
      'access-control-allow-origin': origin,
      'cache-control': 'no-store',
      'content-type': 'application/json',
    });
    expect(publicKey).toMatchObject({
      rpId,
      allowCredentials: [],
      userVerification: 'required',
      timeout: 120_000,
    });
    expect(publicKey.challenge).toMatch(/^[\w-]{43}$/);
  });

  it('refuses other origins and methods, and answers a preflight', async () => {
    const { handler } = setup();
    const elsewhere = await handler(post({ Origin: 'https://evil.example.net' }));
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.headers['access-control-allow-origin']).toBeUndefined();
    const get = await handler({ requestContext: { http: { method: 'GET' } }, headers: { origin } });
    expect(get).toMatchObject({ statusCode: 405, headers: { allow: 'POST' } });
    const preflight = await handler({ httpMethod: 'OPTIONS', headers: { origin } });
    expect(preflight).toMatchObject({
      statusCode: 204,
      headers: { 'access-control-allow-origin': origin, 'access-control-allow-methods': 'POST' },
    });
    expect((await handler({ httpMethod: 'POST' })).statusCode).toBe(200);
    expect((await handler(null as unknown as HttpRequestEvent)).statusCode).toBe(405);
  });

  it('gives a fresh challenge each time', async () => {
    const { handler } = setup();
    const challenges = new Set<string>();
    for (let count = 0; count < 20; count += 1) {
      const { publicKey } = JSON.parse((await handler(post())).body) as PasskeyChallengeResponse;
      challenges.add(publicKey.challenge);
    }
    expect(challenges.size).toBe(20);
  });

  it('checks its options as the steps do', () => {
    expect(() =>
      passkeyChallengeHandler({
        rpId: '10.0.0.1',
        origins: [origin],
        store: createMemoryPasskeyStore(),
      }),
    ).toThrow(/rpId/);
  });
});

describe('passkeyStep takes an assertion over a challenge issued before the sign-in', () => {
  it('once, from the user the passkey belongs to', async () => {
    const context = await enrolledWithChallenge();
    const assertion = context.authenticator.assert(context.publicKey);
    expect(assertion.response.userHandle).toBe(Buffer.from('alice').toString('base64url'));
    const bob = await round(context.signIn, '0b0b0b0b-2b4d-4e8f-9a7b-1c2d3e4f5a6b', 'bob');
    expect(await bob.verify(assertion)).toBe(false);
    const first = await round(context.signIn);
    expect(await first.verify(assertion)).toBe(true);
    const second = await round(context.signIn);
    expect(await second.verify(assertion)).toBe(false);
  });

  it('only once the signature holds: a forged answer uses up nothing, and tells nothing', async () => {
    const context = await enrolledWithChallenge();
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const forged = context.authenticator.assert(context.publicKey, { signWith: privateKey });
    const first = await round(context.signIn);
    expect(await first.verify(forged)).toBe(false);
    // Had the forgery taken the challenge, its user's existence would show in it being gone.
    const second = await round(context.signIn);
    expect(await second.verify(context.authenticator.assert(context.publicKey))).toBe(true);
  });

  it('not after the challenge has expired', async () => {
    const context = await enrolledWithChallenge();
    const assertion = context.authenticator.assert(context.publicKey);
    const { verify } = await round(context.signIn);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 120_000 + 60_000 + 1);
      expect(await verify(assertion)).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('not over a challenge nobody issued, nor from another origin', async () => {
    const context = await enrolledWithChallenge();
    const { verify } = await round(context.signIn);
    const forged = { ...context.publicKey, challenge: Buffer.alloc(32, 7).toString('base64url') };
    expect(await verify(context.authenticator.assert(forged))).toBe(false);
    const phished = context.authenticator.assert(context.publicKey, {
      origin: 'https://evil.example.net',
    });
    expect(await verify(phished)).toBe(false);
  });
});
