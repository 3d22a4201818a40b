import { generateKeyPairSync } from 'node:crypto';
import * as webauthn from '@simplewebauthn/server';
import { describe, expect, it, vi } from 'vitest';
import { passkeyEnrollmentStep } from '../../src/challenges/passkey/enrollment-step.ts';
import { createMemoryPasskeyStore } from '../../src/challenges/passkey/server/passkey-store.ts';
import { passkeyStep } from '../../src/challenges/passkey/step.ts';
import type { CustomChallengeStep } from '../../src/triggers/chain/chain-step.ts';
import { createMemoryAttemptStore } from '../../src/triggers/limits/attempt-store.ts';
import { softwareAuthenticator } from '../support/software-authenticator.ts';
import { aliceAttributes, createEvent, verifyEvent } from './events.ts';

vi.mock('@simplewebauthn/server', async (original) => {
  const module = await original<typeof import('@simplewebauthn/server')>();
  return { ...module, verifyAuthenticationResponse: vi.fn(module.verifyAuthenticationResponse) };
});

const rpId = 'example.com';
const origin = 'https://app.example.com';
const alice = `sub:${aliceAttributes.sub}`;

async function round(step: CustomChallengeStep, owner: string, userName: string) {
  const userNotFound = owner.startsWith('name:');
  const input = { store: createMemoryAttemptStore(), owner };
  const created = await step.create({
    ...input,
    event: createEvent([], { userName, userNotFound }),
    round: 1,
    previousMetadata: undefined,
    deliver: async () => {},
    decoySecret: 'decoy-secret',
    decoyEmailDomains: [],
  });
  return {
    options: JSON.parse(created.parameters.publicKey ?? 'null'),
    verify: (answer: unknown) =>
      step.verify({
        ...input,
        event: verifyEvent('', created.privateParameters, { userName, userNotFound }),
        answer: JSON.stringify(answer),
        privateParameters: created.privateParameters,
      }),
  };
}

describe('a passkey answer costs the same work for a real user and for nobody', () => {
  it('checks a signature against a decoy when the answer names no passkey of the user', async () => {
    const store = createMemoryPasskeyStore();
    const party = { rpId, origins: [origin], store };
    const authenticator = softwareAuthenticator({ origin, rpId });
    const enrolment = await round(passkeyEnrollmentStep(party), alice, 'alice');
    expect(await enrolment.verify(authenticator.register(enrolment.options))).toBe(true);
    const signIn = passkeyStep(party);
    const check = vi.mocked(webauthn.verifyAuthenticationResponse);

    const forAlice = await round(signIn, alice, 'alice');
    const forNobody = await round(signIn, 'name:ghost', 'ghost');
    // Each round's own challenge, alice's passkey id, and a signature by another key.
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const forge = (options: { challenge: string }) =>
      authenticator.assert({ challenge: options.challenge }, { signWith: privateKey });
    check.mockClear();
    expect(await forAlice.verify(forge(forAlice.options))).toBe(false);
    expect(await forNobody.verify(forge(forNobody.options))).toBe(false);
    // Both get as far as the signature, the decoy key being a real key, and fail there.
    expect(check).toHaveBeenCalledTimes(2);
    for (const { value } of check.mock.results) {
      await expect(value).resolves.toMatchObject({ verified: false });
    }
  });
});
