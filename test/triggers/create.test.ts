import { randomInt } from 'node:crypto';
import type { CreateAuthChallengeTriggerHandler } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import type { CreateAuthChallengeHandler } from '../../src/triggers/chain/handlers.ts';
import type { SendCode } from '../../src/triggers/delivery/send-code.ts';
import { createMemoryAttemptStore } from '../../src/triggers/limits/attempt-store.ts';
import { createCreateAuthChallenge } from '../../src/triggers/presets/handler-factories.ts';
import {
  createEvent,
  customChallenge,
  passwordVerifier,
  type SessionEntry,
  srpA,
} from './events.ts';

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, randomInt: vi.fn(actual.randomInt) };
});

const publicKeys = [
  'attemptsLeft',
  'codeLength',
  'deliveryMedium',
  'destination',
  'step',
  'steps',
  'type',
];

/** Each test counts in its own store and does not wait for imitated sends. */
const isolated = () => ({ decoySendDelayMs: 0, limits: { store: createMemoryAttemptStore() } });

function setup(options: Parameters<typeof createCreateAuthChallenge>[0] = {}) {
  const sendCode = vi.fn<SendCode>(async () => {});
  return { sendCode, create: createCreateAuthChallenge({ ...isolated(), ...options, sendCode }) };
}

/** Plays Cognito: each wrong answer appends the round, with its metadata, to the session. */
async function playRounds(
  create: CreateAuthChallengeHandler,
  rounds: number,
  start: SessionEntry[] = [],
) {
  const session = [...start];
  const events = [];
  for (let round = 0; round < rounds; round += 1) {
    const event = await create(createEvent([...session]));
    events.push(event);
    session.push(customChallenge(false, event.response.challengeMetadata));
  }
  return events;
}

describe('createCreateAuthChallenge', () => {
  it('makes a code of codeLength digits and sends it to the unmasked address', async () => {
    const { create, sendCode } = setup({ codeLength: 8 });
    const event = createEvent([]);
    const { response } = await create(event);
    const code = response.privateChallengeParameters.answer;
    expect(code).toMatch(/^\d{8}$/);
    expect(sendCode).toHaveBeenCalledExactlyOnceWith({
      destination: 'alice@example.com',
      code,
      event,
    });
    expect(response.challengeMetadata).toBe(`CHAIN:0:${code}`);
  });

  it('keeps leading zeros', async () => {
    vi.mocked(randomInt).mockImplementationOnce(() => 42);
    const { create } = setup();
    const { response } = await create(createEvent([]));
    expect(response.privateChallengeParameters.answer).toBe('000042');
    expect(response.publicChallengeParameters.codeLength).toBe('6');
  });

  it('uses one code for every round and sends it once per sign-in', async () => {
    const { create, sendCode } = setup();
    const events = await playRounds(create, 3);
    const answers = events.map((event) => event.response.privateChallengeParameters.answer);
    expect(new Set(answers).size).toBe(1);
    expect(sendCode).toHaveBeenCalledOnce();
    expect(events.map((event) => event.response.publicChallengeParameters.attemptsLeft)).toEqual([
      '3',
      '2',
      '1',
    ]);
  });

  it('reads the code back after the password step of passwordThenCode', async () => {
    const { create, sendCode } = setup({ maxAttempts: 4, flow: 'passwordThenCode' });
    const events = await playRounds(create, 2, [srpA, passwordVerifier(true)]);
    expect(events[1]?.response.privateChallengeParameters.answer).toBe(
      events[0]?.response.privateChallengeParameters.answer,
    );
    expect(events.map((event) => event.response.publicChallengeParameters.attemptsLeft)).toEqual([
      '4',
      '3',
    ]);
    expect(sendCode).toHaveBeenCalledOnce();
  });

  it('starts a new sign-in with a new code', async () => {
    const { create, sendCode } = setup();
    await create(createEvent([]));
    await create(createEvent([srpA]));
    expect(sendCode).toHaveBeenCalledTimes(2);
  });

  it('makes and sends a new code when the stored one does not fit codeLength', async () => {
    const { create, sendCode } = setup({ codeLength: 6 });
    const { response } = await create(createEvent([customChallenge(false, 'CODE-1234')]));
    expect(response.privateChallengeParameters.answer).toMatch(/^\d{6}$/);
    expect(sendCode).toHaveBeenCalledOnce();
  });

  it('shows the hint, the masked address and never the code', async () => {
    const { create } = setup({ hint: 'Check your inbox' });
    const { response } = await create(createEvent([]));
    const code = response.privateChallengeParameters.answer ?? '';
    expect(response.publicChallengeParameters).toStrictEqual({
      type: 'code',
      hint: 'Check your inbox',
      destination: 'a***@e***.com',
      deliveryMedium: 'EMAIL',
      codeLength: '6',
      attemptsLeft: '3',
      step: '1',
      steps: '1',
    });
    expect(Object.keys(response.privateChallengeParameters).sort()).toEqual(['answer', 'step']);
    for (const value of Object.values(response.publicChallengeParameters)) {
      expect(value).not.toContain(code);
    }
  });

  it('sends to the phone number when there is no email, and masks it', async () => {
    const { create, sendCode } = setup();
    const userAttributes = {
      sub: 'sub-2',
      phone_number: '+15555551234',
      phone_number_verified: 'true',
    };
    const { response } = await create(createEvent([], { userAttributes }));
    expect(response.publicChallengeParameters.destination).toBe('+*******1234');
    expect(sendCode.mock.calls[0]?.[0].destination).toBe('+15555551234');
  });

  it.each([
    ['an unverified email', { email: 'alice@example.com', email_verified: 'false' }],
    ['an email with no verified flag', { email: 'alice@example.com' }],
    ['an unverified phone', { phone_number: '+15555551234', phone_number_verified: 'false' }],
  ])('sends nothing to %s, looks the same, and never passes', async (_, attributes) => {
    const { create, sendCode } = setup();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const userAttributes = { sub: 'sub-4', ...attributes };
    const { response } = await create(createEvent([], { userAttributes }));
    expect(sendCode).not.toHaveBeenCalled();
    const known = await create(createEvent([]));
    expect(Object.keys(response.publicChallengeParameters).sort()).toEqual(
      Object.keys(known.response.publicChallengeParameters).sort(),
    );
    expect(response.publicChallengeParameters.destination).toMatch(
      /^(a\*\*\*@e\*\*\*\.com|\+\*{7}1234)$/,
    );
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).not.toMatch(/alice@|5551234/);
    // The answer nobody can type, as for a user who does not exist.
    expect(response.privateChallengeParameters.answer).toMatch(/^[0-9a-f]{64}$/);
  });

  it('sends to the verified phone number when the email is not verified', async () => {
    const { create, sendCode } = setup();
    const userAttributes = {
      sub: 'sub-6',
      email: 'alice@example.com',
      email_verified: 'false',
      phone_number: '+15555551234',
      phone_number_verified: 'true',
    };
    const { response } = await create(createEvent([], { userAttributes }));
    expect(sendCode.mock.calls.map(([input]) => input.destination)).toEqual(['+15555551234']);
    expect(response.publicChallengeParameters).toMatchObject({
      destination: '+*******1234',
      deliveryMedium: 'SMS',
    });
  });

  it('sends to an unverified address when told the pool verifies elsewhere', async () => {
    const sendCode = vi.fn<SendCode>(async () => {});
    const create = createCreateAuthChallenge({
      sendCode,
      allowUnverified: true,
      decoySendDelayMs: 0,
      limits: { store: createMemoryAttemptStore() },
    });
    const userAttributes = { sub: 'sub-5', email: 'bob@example.com', email_verified: 'false' };
    await create(createEvent([], { userAttributes }));
    expect(sendCode.mock.calls[0]?.[0].destination).toBe('bob@example.com');
  });

  it('refuses a user with neither an email nor a phone number', async () => {
    const { create, sendCode } = setup();
    const event = createEvent([], { userAttributes: { sub: 'sub-3', email: '  ' } });
    await expect(create(event)).rejects.toThrow(/has no email or phone_number attribute/);
    expect(sendCode).not.toHaveBeenCalled();
  });

  it('refuses any challenge but CUSTOM_CHALLENGE', async () => {
    const { create } = setup();
    await expect(
      create(createEvent([srpA], { challengeName: 'PASSWORD_VERIFIER' })),
    ).rejects.toThrow(/only creates CUSTOM_CHALLENGE, got PASSWORD_VERIFIER/);
  });

  it('fails the trigger when sending fails', async () => {
    const create = createCreateAuthChallenge({
      ...isolated(),
      sendCode: async () => Promise.reject(new Error('SES down')),
    });
    await expect(create(createEvent([]))).rejects.toThrow('SES down');
  });

  it('fits the aws-lambda handler type', () => {
    const { create } = setup();
    const handler: CreateAuthChallengeTriggerHandler = create;
    expect(handler).toBe(create);
  });

  it('logs nothing, so the code cannot end up in the logs', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation(() => {}),
    );
    const { create } = setup();
    await playRounds(create, 2);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });
});

describe('createCreateAuthChallenge: unknown users', () => {
  const unknown = (session: SessionEntry[], userName = 'mallory') =>
    createEvent(session, { userNotFound: true, userName, userAttributes: {} });

  it('returns the same public keys as for a real user and sends nothing', async () => {
    const { create, sendCode } = setup();
    const real = await create(createEvent([]));
    const fake = await create(unknown([]));
    expect(Object.keys(fake.response.publicChallengeParameters).sort()).toEqual(publicKeys);
    expect(Object.keys(fake.response.publicChallengeParameters).sort()).toEqual(
      Object.keys(real.response.publicChallengeParameters).sort(),
    );
    expect(fake.response.publicChallengeParameters.destination).toMatch(
      /^[a-z]\*\*\*@[a-z]\*\*\*\.[a-z]+$/,
    );
    expect(sendCode).toHaveBeenCalledOnce();
  });

  it('keeps the masked address across rounds and counts attempts down', async () => {
    const { create, sendCode } = setup();
    const first = await create(unknown([]));
    const second = await create(
      unknown([customChallenge(false, first.response.challengeMetadata)]),
    );
    expect(second.response.publicChallengeParameters.destination).toBe(
      first.response.publicChallengeParameters.destination,
    );
    expect(first.response.publicChallengeParameters.attemptsLeft).toBe('3');
    expect(second.response.publicChallengeParameters.attemptsLeft).toBe('2');
    expect(sendCode).not.toHaveBeenCalled();
  });

  it('sets an answer no one can guess, new on every round', async () => {
    const { create } = setup();
    const first = await create(unknown([]));
    const second = await create(unknown([]));
    const answer = first.response.privateChallengeParameters.answer;
    expect(answer).toMatch(/^[0-9a-f]{64}$/);
    expect(second.response.privateChallengeParameters.answer).not.toBe(answer);
  });

  it('masks an email-shaped username as a real user signing in with it would see', async () => {
    const { create } = setup();
    const fake = await create(unknown([], 'bob@example.org'));
    expect(fake.response.publicChallengeParameters.destination).toBe('b***@e***.org');
  });
});
