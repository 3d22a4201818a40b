import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { captchaStep } from '../../src/challenges/captcha/step.ts';
import { codeStep } from '../../src/challenges/code/step.ts';
import { passkeyEnrollmentStep } from '../../src/challenges/passkey/enrollment-step.ts';
import { PASSKEY_SKIP } from '../../src/challenges/passkey/protocol.ts';
import {
  createMemoryPasskeyStore,
  type PasskeyStore,
} from '../../src/challenges/passkey/server/passkey-store.ts';
import { passkeyStep } from '../../src/challenges/passkey/step.ts';
import type { CustomChallengeStep } from '../../src/triggers/chain/chain-step.ts';
import { createCustomAuthTriggers } from '../../src/triggers/chain/custom-auth-triggers.ts';
import { passwordStep } from '../../src/triggers/chain/password-step.ts';
import { createMemoryAttemptStore } from '../../src/triggers/limits/attempt-store.ts';
import { softwareAuthenticator } from '../support/software-authenticator.ts';
import { aliceAttributes, createEvent, customChallenge, verifyEvent } from './events.ts';

const rpId = 'example.com';
const origin = 'https://app.example.com';
const alice = aliceAttributes.sub;
const bob = '0b0b0b0b-2b4d-4e8f-9a7b-1c2d3e4f5a6b';

function setup(options: { userVerification?: 'required' | 'preferred' } = {}) {
  const store = createMemoryPasskeyStore();
  const party = { rpId, origins: [origin, 'https://other.example.com'], store, ...options };
  return {
    store,
    signIn: passkeyStep(party),
    enrol: passkeyEnrollmentStep({ ...party, rpName: 'Example' }),
    authenticator: softwareAuthenticator({ origin, rpId }),
  };
}

/** One round of a step, as the chain runs it: Create's options, and Verify for an answer. */
async function round(step: CustomChallengeStep, owner = alice, userName = 'alice') {
  const userNotFound = owner.startsWith('name:');
  const created = await step.create({
    event: createEvent([], { userName, userNotFound }),
    round: 1,
    previousMetadata: undefined,
    deliver: async () => {},
    decoySecret: 'decoy-secret',
    decoyEmailDomains: ['example.com'],
    store: createMemoryAttemptStore(),
    owner,
  });
  const options = JSON.parse(created.parameters.publicKey ?? 'null');
  const verify = (answer: unknown) =>
    step.verify({
      event: verifyEvent('', created.privateParameters, { userName, userNotFound }),
      answer: typeof answer === 'string' ? answer : JSON.stringify(answer),
      privateParameters: created.privateParameters,
      store: createMemoryAttemptStore(),
      owner,
    });
  return { options, verify, created };
}

async function enrolled(context = setup(), owner = alice) {
  const enrolment = await round(context.enrol, owner);
  expect(await enrolment.verify(context.authenticator.register(enrolment.options))).toBe(true);
  return context;
}

const onlyPasskey = async (store: PasskeyStore, owner = alice) => {
  const [passkey] = await store.list(owner);
  if (!passkey) throw new Error('no passkey stored');
  return passkey;
};

describe('passkeyEnrollmentStep: registers a passkey after a proven factor', () => {
  it('sends creation options with a fresh challenge, and stores the verified passkey', async () => {
    const { enrol, store, authenticator } = setup();
    const first = await round(enrol);
    const second = await round(enrol);
    expect(first.options).toMatchObject({
      rp: { id: rpId, name: 'Example' },
      user: { id: Buffer.from('alice').toString('base64url'), name: 'alice' },
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
      attestation: 'none',
      excludeCredentials: [],
    });
    expect(first.options.challenge).toMatch(/^[\w-]{43}$/);
    expect(second.options.challenge).not.toBe(first.options.challenge);
    // The challenge reaches Verify only through the private parameters.
    expect(first.created.privateParameters.challenge).toBe(first.options.challenge);

    expect(await first.verify(authenticator.register(first.options, { synced: true }))).toBe(true);
    const passkey = await onlyPasskey(store);
    expect(passkey).toMatchObject({
      id: authenticator.passkeys[0]?.id,
      counter: 0,
      transports: ['internal'],
      backedUp: true,
      deviceType: 'multiDevice',
      lastUsedAt: null,
    });
    // The next offer leaves out the passkey the user has.
    expect((await round(enrol)).options.excludeCredentials).toEqual([
      { id: passkey.id, type: 'public-key', transports: ['internal'] },
    ]);
  });

  it('goes on without a passkey on skip, storing nothing', async () => {
    const { enrol, store } = setup();
    expect(await (await round(enrol)).verify(PASSKEY_SKIP)).toBe(true);
    expect(await store.list(alice)).toEqual([]);
  });

  it('refuses a registration made for another challenge, origin or RP ID, or without UV', async () => {
    const { enrol, store, authenticator } = setup();
    const { options, verify } = await round(enrol);
    const other = await round(enrol);
    for (const response of [
      authenticator.register(other.options),
      authenticator.register(options, { origin: 'https://evil.example.net' }),
      authenticator.register(options, { rpId: 'evil.example.net' }),
      authenticator.register(options, { noUserVerification: true }),
      authenticator.register(options, { type: 'webauthn.get' }),
    ]) {
      expect(await verify(response)).toBe(false);
    }
    for (const malformed of ['', 'x', '{}', '{"id":"a"}', 'null', '[]']) {
      expect(await verify(malformed)).toBe(false);
    }
    expect(await store.list(alice)).toEqual([]);
  });

  it('registers nothing for a user who does not exist', async () => {
    const { enrol, store, authenticator } = setup();
    const { options, verify } = await round(enrol, 'name:ghost', 'ghost');
    expect(await verify(authenticator.register(options))).toBe(false);
    expect(await verify(PASSKEY_SKIP)).toBe(false);
    expect(await store.list('name:ghost')).toEqual([]);
  });
});

describe('passkeyStep: signs in with a registered passkey', () => {
  it('offers the user’s passkeys and accepts their signature, recording the use', async () => {
    const context = await enrolled();
    const { options, verify } = await round(context.signIn);
    const passkey = await onlyPasskey(context.store);
    expect(options).toMatchObject({
      rpId,
      userVerification: 'required',
      allowCredentials: [{ id: passkey.id, type: 'public-key', transports: ['internal'] }],
      timeout: 120_000,
    });
    const before = Date.now();
    expect(await verify(context.authenticator.assert(options))).toBe(true);
    const used = await onlyPasskey(context.store);
    expect(used.counter).toBe(1);
    expect(used.lastUsedAt).toBeGreaterThanOrEqual(before);
  });

  it('takes an assertion from any origin listed, and none from another', async () => {
    const context = await enrolled();
    const listed = await round(context.signIn);
    const assertion = context.authenticator.assert(listed.options, {
      origin: 'https://other.example.com',
    });
    expect(await listed.verify(assertion)).toBe(true);
    const unlisted = await round(context.signIn);
    expect(
      await unlisted.verify(
        context.authenticator.assert(unlisted.options, { origin: 'https://evil.example.net' }),
      ),
    ).toBe(false);
  });

  it('asks a function about the origin when given one, for origins a list cannot name', async () => {
    const store = createMemoryPasskeyStore();
    const party = {
      rpId: 'localhost',
      origins: (origin: string) => new URL(origin).hostname === 'localhost',
      store,
    };
    const context = {
      store,
      signIn: passkeyStep(party),
      enrol: passkeyEnrollmentStep(party),
      authenticator: softwareAuthenticator({ origin: 'http://localhost:5173', rpId: 'localhost' }),
    };
    await enrolled(context);
    const local = await round(context.signIn);
    expect(await local.verify(context.authenticator.assert(local.options))).toBe(true);
    for (const origin of [
      'http://localhost:49152',
      'http://127.0.0.1:5173',
      'https://evil.example',
    ]) {
      const other = await round(context.signIn);
      const verdict = await other.verify(context.authenticator.assert(other.options, { origin }));
      expect(verdict).toBe(origin.includes('localhost'));
    }
  });

  it('refuses a replayed assertion, in this session and in another', async () => {
    const context = await enrolled();
    const { options, verify } = await round(context.signIn);
    const assertion = context.authenticator.assert(options);
    expect(await verify(assertion)).toBe(true);
    expect(await verify(assertion)).toBe(false);
    const later = await round(context.signIn);
    expect(await later.verify(assertion)).toBe(false);
  });

  it('refuses an assertion for another session’s challenge', async () => {
    const context = await enrolled();
    const mine = await round(context.signIn);
    const theirs = await round(context.signIn);
    expect(await mine.verify(context.authenticator.assert(theirs.options))).toBe(false);
    expect(await theirs.verify(context.authenticator.assert(theirs.options))).toBe(true);
  });

  it('refuses a wrong RP ID, a missing UV or presence, another key, a create ceremony', async () => {
    const context = await enrolled();
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    for (const overrides of [
      { rpId: 'evil.example.net' },
      { noUserVerification: true },
      { noUserPresence: true },
      { signWith: privateKey },
      { type: 'webauthn.create' },
    ]) {
      const { options, verify } = await round(context.signIn);
      expect(await verify(context.authenticator.assert(options, overrides))).toBe(false);
    }
    expect((await onlyPasskey(context.store)).lastUsedAt).toBeNull();
  });

  it('takes presence alone when user verification is only preferred', async () => {
    const context = await enrolled(setup({ userVerification: 'preferred' }));
    const { options, verify } = await round(context.signIn);
    expect(options.userVerification).toBe('preferred');
    expect(await verify(context.authenticator.assert(options, { noUserVerification: true }))).toBe(
      true,
    );
  });

  it('refuses a counter that goes backwards, and takes one that stays at 0 on both sides', async () => {
    const context = await enrolled();
    const forward = await round(context.signIn);
    expect(
      await forward.verify(context.authenticator.assert(forward.options, { counter: 5 })),
    ).toBe(true);
    for (const counter of [5, 4, 0]) {
      const back = await round(context.signIn);
      expect(await back.verify(context.authenticator.assert(back.options, { counter }))).toBe(
        false,
      );
    }
    // A passkey that keeps no counter (most synced ones) signs with 0 every time.
    const synced = await enrolled();
    for (let time = 0; time < 2; time++) {
      const again = await round(synced.signIn);
      expect(await again.verify(synced.authenticator.assert(again.options, { counter: 0 }))).toBe(
        true,
      );
    }
  });

  it('refuses a passkey of another user', async () => {
    const context = await enrolled();
    await enrolled(context, bob);
    const bobs = context.authenticator.passkeys[1];
    const { options, verify } = await round(context.signIn);
    expect(await verify(context.authenticator.assert(options, { passkey: bobs }))).toBe(false);
  });

  it('records only one of two sign-ins racing with the same counter', async () => {
    const context = await enrolled();
    const first = await round(context.signIn);
    const second = await round(context.signIn);
    const answers = [
      context.authenticator.assert(first.options, { counter: 1 }),
      context.authenticator.assert(second.options, { counter: 2 }),
    ];
    const verdicts = await Promise.all([first.verify(answers[0]), second.verify(answers[1])]);
    expect(verdicts.filter(Boolean)).toHaveLength(1);
  });

  it('gives a user who does not exist passkeys that look real, the same each time', async () => {
    const { signIn, authenticator } = await enrolled();
    const ghost = await round(signIn, 'name:ghost', 'ghost');
    const again = await round(signIn, 'name:ghost', 'Ghost');
    expect(again.options.allowCredentials).toEqual(ghost.options.allowCredentials);
    const counts = new Set<number>();
    for (let index = 0; index < 40; index++) {
      const { options } = await round(signIn, `name:ghost${index}`, `ghost${index}`);
      counts.add(options.allowCredentials.length);
      for (const descriptor of options.allowCredentials) {
        expect(descriptor).toEqual({
          id: expect.stringMatching(/^[\w-]{22}$/),
          type: 'public-key',
          transports: ['hybrid', 'internal'],
        });
      }
    }
    expect(counts).toEqual(new Set([0, 1, 2]));
    // Even a genuine signature gets nowhere.
    expect(await ghost.verify(authenticator.assert({ challenge: ghost.options.challenge }))).toBe(
      false,
    );
  });
});

describe('the chain places enrolment only after a proven factor', () => {
  const store = createMemoryPasskeyStore();
  const enrol = () => passkeyEnrollmentStep({ rpId, origins: [origin], store });
  const chain = (steps: Parameters<typeof createCustomAuthTriggers>[0]['steps']) => () =>
    createCustomAuthTriggers({ steps, decoySendDelayMs: 0 });
  const captcha = captchaStep({ provider: 'local', siteKey: 'local' });

  it('refuses it first, after a CAPTCHA, or after a password the sign-in may skip', () => {
    for (const steps of [
      [enrol()],
      [captcha, enrol()],
      [passwordStep({ optional: true }), enrol()],
    ]) {
      expect(chain(steps)).toThrow(/passkeyEnrollment step must come after a step that proves/);
    }
  });

  it('takes it after a code, a passkey or a password', () => {
    const signIn = passkeyStep({ rpId, origins: [origin], store });
    for (const steps of [
      [codeStep(), enrol()],
      [signIn, enrol()],
      [passwordStep(), enrol()],
    ]) {
      expect(chain(steps)).not.toThrow();
    }
  });

  it('sends the enrolment round as its own type, after the code', async () => {
    const { createAuthChallenge } = createCustomAuthTriggers({
      steps: [codeStep({ sendCode: async () => {} }), enrol()],
      decoySendDelayMs: 0,
    });
    const event = await createAuthChallenge(createEvent([customChallenge(true, 'CHAIN:0:123456')]));
    const parameters = event.response.publicChallengeParameters;
    expect(parameters).toMatchObject({ type: 'passkeyEnrollment', step: '2', steps: '2' });
    expect(JSON.parse(parameters.publicKey ?? '')).toMatchObject({ rp: { id: rpId } });
    expect(event.response.privateChallengeParameters.challenge).toBe(
      JSON.parse(parameters.publicKey ?? '').challenge,
    );
  });
});

describe('the relying party options', () => {
  const store = createMemoryPasskeyStore();
  it.each([
    [{ rpId: '192.168.1.10', origins: ['https://192.168.1.10'] }, /rpId must be a domain name/],
    [{ rpId: 'https://example.com', origins: [origin] }, /rpId must be a domain name/],
    [{ rpId, origins: [] }, /origins must list/],
    [{ rpId, origins: ['http://app.example.com'] }, /under the RP ID/],
    [{ rpId, origins: ['https://example.net'] }, /under the RP ID/],
    [{ rpId, origins: ['https://app.example.com/'] }, /under the RP ID/],
    [{ rpId, origins: [origin], userVerification: 'discouraged' }, /userVerification must be/],
    [{ rpId, origins: [origin], timeoutMs: 5 }, /timeoutMs must be/],
  ])('refuses %j', (options, message) => {
    expect(() =>
      passkeyStep({ store, ...(options as { rpId: string; origins: string[] }) }),
    ).toThrow(message);
  });

  it('takes localhost over http, for local development', () => {
    expect(() =>
      passkeyStep({ rpId: 'localhost', origins: ['http://localhost:5173'], store }),
    ).not.toThrow();
  });
});
