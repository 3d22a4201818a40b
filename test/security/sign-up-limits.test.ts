import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfirmationLimits } from '../../src/local-pool/accounts/confirmation-limits.ts';
import { type LocalPool, startLocalPool } from '../../src/local-pool/index.ts';
import { cognitoPost, latestCode } from '../support/local-pool.ts';

const pools: LocalPool[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});

async function start() {
  const pool = await startLocalPool({ port: 0, log: () => {} });
  pools.push(pool);
  return pool;
}

const limited = {
  __type: 'LimitExceededException',
  message: 'Attempt limit exceeded, please try after some time.',
};

async function signUp(pool: LocalPool, Username: string) {
  const response = await cognitoPost(pool, 'SignUp', {
    ClientId: pool.userPoolClientId,
    Username,
    Password: 'Correct-Horse-1',
    UserAttributes: [{ Name: 'email', Value: `${Username}@example.com` }],
  });
  expect(response.status).toBe(200);
}

const confirm = (pool: LocalPool, Username: string, ConfirmationCode: string) =>
  cognitoPost(pool, 'ConfirmSignUp', {
    ClientId: pool.userPoolClientId,
    Username,
    ConfirmationCode,
  });
const resend = (pool: LocalPool, Username: string) =>
  cognitoPost(pool, 'ResendConfirmationCode', { ClientId: pool.userPoolClientId, Username });

const wrongFor = (code: string) => (code === '000000' ? '111111' : '000000');

describe('sign-up confirmation limits', () => {
  it('keep counting wrong codes across resends', async () => {
    const pool = await start();
    await signUp(pool, 'ana');
    for (let attempt = 0; attempt < 3; attempt++) {
      const response = await confirm(pool, 'ana', wrongFor(latestCode(pool, 'ana')));
      expect(response.body.__type).toBe('CodeMismatchException');
    }
    expect((await resend(pool, 'ana')).status).toBe(200);
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await confirm(pool, 'ana', wrongFor(latestCode(pool, 'ana')));
      expect(response.body.__type).toBe('CodeMismatchException');
    }
    expect((await confirm(pool, 'ana', latestCode(pool, 'ana'))).body).toEqual(limited);
  });

  it('limit resends per window, then allow them again', async () => {
    const pool = await start();
    await signUp(pool, 'ben');
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await resend(pool, 'ben')).status).toBe(200);
    }
    expect((await resend(pool, 'ben')).body).toEqual(limited);
    expect(pool.outbox('ben')).toHaveLength(6);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 15 * 60 * 1000 + 1 });
    expect((await resend(pool, 'ben')).status).toBe(200);
    expect((await confirm(pool, 'ben', latestCode(pool, 'ben'))).status).toBe(200);
  });

  it('answer an unknown username exactly as a real one, limit included', async () => {
    const pool = await start();
    await signUp(pool, 'cleo');
    const story = async (username: string) => {
      const seen: unknown[] = [];
      for (let attempt = 0; attempt < 6; attempt++) {
        const response = await resend(pool, username);
        seen.push(response.body.__type ?? Object.keys(response.body));
      }
      for (let attempt = 0; attempt < 6; attempt++) {
        seen.push((await confirm(pool, username, '000000')).body);
      }
      return seen;
    };
    const real = await story('cleo');
    expect(real.at(-1)).toEqual(limited);
    expect(await story('nobody-here')).toEqual(real);
  });

  it.each([
    [
      '+15551234567',
      { Destination: '+*******4567', DeliveryMedium: 'SMS', AttributeName: 'phone_number' },
    ],
    [
      'nobody@example.com',
      {
        Destination: expect.stringContaining('@'),
        DeliveryMedium: 'EMAIL',
        AttributeName: 'email',
      },
    ],
    [
      'nobody',
      {
        Destination: expect.stringContaining('@'),
        DeliveryMedium: 'EMAIL',
        AttributeName: 'email',
      },
    ],
  ])(
    'tell an unknown %s a delivery medium that matches its masked destination',
    async (username, delivery) => {
      const pool = await start();
      const response = await resend(pool, username);
      expect(response.status).toBe(200);
      expect(response.body.CodeDeliveryDetails).toEqual(delivery);
    },
  );
});

describe('ConfirmationLimits', () => {
  it('counts names case-insensitively and opens a new window after the old one', () => {
    let now = 0;
    const limits = new ConfirmationLimits(
      { windowMs: 1_000, maxWrongCodes: 2, maxResends: 1 },
      () => now,
    );
    limits.recordWrongCode('Zoe');
    limits.recordWrongCode('zoe');
    expect(() => limits.checkCode('ZOE')).toThrow('Attempt limit exceeded');
    limits.takeResend('zoe');
    expect(() => limits.takeResend('zoe')).toThrow('Attempt limit exceeded');
    now = 1_000;
    expect(() => limits.checkCode('zoe')).not.toThrow();
    expect(() => limits.takeResend('zoe')).not.toThrow();
  });
});
