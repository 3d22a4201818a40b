import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type LocalPool, startLocalPool } from '../../src/local-pool/index.ts';
import {
  cognitoPost,
  type HttpTokens,
  latestCode,
  registerOverHttp,
  signInOverHttp,
} from '../support/local-pool.ts';

const pools: LocalPool[] = [];
const folders: string[] = [];

async function start(options: Parameters<typeof startLocalPool>[0] = {}) {
  const pool = await startLocalPool({ port: 0, log: () => {}, ...options });
  pools.push(pool);
  return pool;
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function registerAndSignIn(pool: LocalPool, username: string) {
  await registerOverHttp(pool, username);
  return signInOnly(pool, username);
}

async function signInOnly(pool: LocalPool, username: string): Promise<HttpTokens> {
  const tokens = await signInOverHttp(pool, username);
  if (!tokens) throw new Error(`${username} could not sign in.`);
  return tokens;
}

describe('the local pool across its life', () => {
  it('keeps users, keys and refresh tokens in its data folder across a restart, never passwords', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'local-pool-'));
    folders.push(dataDir);
    const first = await start({ dataDir });
    const tokens = await registerAndSignIn(first, 'lena');
    await first.close();
    pools.splice(pools.indexOf(first), 1);

    const saved = readFileSync(join(dataDir, 'pool.json'), 'utf8');
    expect(saved).toContain('lena');
    expect(saved).not.toContain('Correct-Horse-1');

    // Tokens name their issuer by endpoint, so the pool comes back on the same port.
    const second = await start({ dataDir, port: Number(new URL(first.endpoint).port) });
    const user = await cognitoPost(second, 'GetUser', { AccessToken: tokens.AccessToken });
    expect(user).toMatchObject({ status: 200, body: { Username: 'lena' } });
    const refreshed = await cognitoPost(second, 'GetTokensFromRefreshToken', {
      ClientId: second.userPoolClientId,
      RefreshToken: tokens.RefreshToken,
    });
    expect(refreshed.body.AuthenticationResult).toMatchObject({ TokenType: 'Bearer' });
    expect(await signInOnly(second, 'lena')).toHaveProperty('AccessToken');
  });

  it('refuses a data folder made for another pool id', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'local-pool-'));
    folders.push(dataDir);
    await (await start({ dataDir })).close();
    await expect(start({ dataDir, userPoolId: 'local_Other' })).rejects.toThrow(
      /belongs to user pool/,
    );
  });

  it('refreshes with REFRESH_TOKEN_AUTH, and GlobalSignOut revokes every token of the user', async () => {
    const pool = await start();
    const ClientId = pool.userPoolClientId;
    const tokens = await registerAndSignIn(pool, 'mia');
    const other = await signInOnly(pool, 'mia');
    const refreshed = await cognitoPost(pool, 'InitiateAuth', {
      ClientId,
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken },
    });
    expect(refreshed.body.AuthenticationResult).toHaveProperty('AccessToken');
    expect(refreshed.body.AuthenticationResult).not.toHaveProperty('RefreshToken');

    expect(
      (await cognitoPost(pool, 'GlobalSignOut', { AccessToken: tokens.AccessToken })).status,
    ).toBe(200);
    for (const AccessToken of [tokens.AccessToken, other.AccessToken]) {
      expect((await cognitoPost(pool, 'GetUser', { AccessToken })).body).toMatchObject({
        __type: 'NotAuthorizedException',
        message: 'Access Token has been revoked',
      });
    }
    const afterSignOut = await cognitoPost(pool, 'GetTokensFromRefreshToken', {
      ClientId,
      RefreshToken: other.RefreshToken,
    });
    expect(afterSignOut.body.__type).toBe('NotAuthorizedException');
    expect(await signInOnly(pool, 'mia')).toHaveProperty('AccessToken');
  });

  it('revokes one refresh token and the access tokens issued with it', async () => {
    const pool = await start();
    const kept = await registerAndSignIn(pool, 'nina');
    const revoked = await signInOnly(pool, 'nina');
    await cognitoPost(pool, 'RevokeToken', {
      ClientId: pool.userPoolClientId,
      Token: revoked.RefreshToken,
    });
    expect((await cognitoPost(pool, 'GetUser', { AccessToken: revoked.AccessToken })).status).toBe(
      400,
    );
    expect((await cognitoPost(pool, 'GetUser', { AccessToken: kept.AccessToken })).status).toBe(
      200,
    );
  });

  it('tells unknown users apart only with legacy user existence errors', async () => {
    const pool = await start({ preventUserExistenceErrors: false });
    const response = await cognitoPost(pool, 'InitiateAuth', {
      ClientId: pool.userPoolClientId,
      AuthFlow: 'CUSTOM_AUTH',
      AuthParameters: { USERNAME: 'ghost' },
    });
    expect(response.body).toEqual({
      __type: 'UserNotFoundException',
      message: 'User does not exist.',
    });
  });

  it('adds the configured latency to API requests, not to local aids', async () => {
    const pool = await start({ latencyMs: 150 });
    const timed = async (run: () => Promise<unknown>) => {
      const started = performance.now();
      await run();
      return performance.now() - started;
    };
    expect(
      await timed(() => cognitoPost(pool, 'GetUser', { AccessToken: 'x' })),
    ).toBeGreaterThanOrEqual(145);
    expect(await timed(() => fetch(`${pool.endpoint}/_local/config`))).toBeLessThan(145);
  });

  it('limits wrong confirmation codes per window, and a new code does not start over', async () => {
    const pool = await start();
    const ClientId = pool.userPoolClientId;
    await cognitoPost(pool, 'SignUp', {
      ClientId,
      Username: 'una',
      Password: 'Correct-Horse-1',
      UserAttributes: [{ Name: 'email', Value: 'una@example.com' }],
    });
    const confirm = (code: string) =>
      cognitoPost(pool, 'ConfirmSignUp', { ClientId, Username: 'una', ConfirmationCode: code });
    const wrong = latestCode(pool, 'una') === '000000' ? '111111' : '000000';
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await confirm(wrong)).body.__type).toBe('CodeMismatchException');
    }
    expect((await confirm(latestCode(pool, 'una'))).body).toEqual({
      __type: 'LimitExceededException',
      message: 'Attempt limit exceeded, please try after some time.',
    });
    await cognitoPost(pool, 'ResendConfirmationCode', { ClientId, Username: 'una' });
    expect((await confirm(latestCode(pool, 'una'))).body.__type).toBe('LimitExceededException');
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 15 * 60 * 1000 + 1 });
    try {
      expect((await confirm(latestCode(pool, 'una'))).status).toBe(200);
    } finally {
      vi.useRealTimers();
    }
  });

  it('answers a resend for an unknown user like one for a real user', async () => {
    const pool = await start();
    const response = await cognitoPost(pool, 'ResendConfirmationCode', {
      ClientId: pool.userPoolClientId,
      Username: 'nobody',
    });
    expect(response.body.CodeDeliveryDetails).toMatchObject({
      Destination: expect.stringMatching(/^\w\*\*\*@\w\*\*\*\.\w+$/),
      DeliveryMedium: 'EMAIL',
    });
    expect(pool.outbox('nobody')).toEqual([]);
  });

  it('treats usernames like __proto__ as plain names', async () => {
    const pool = await start();
    expect(await registerAndSignIn(pool, '__proto__')).toHaveProperty('AccessToken');
    expect(await registerAndSignIn(pool, 'constructor')).toHaveProperty('AccessToken');
  });

  it('lists what it sent and the challenges it issued, per user, over HTTP', async () => {
    const pool = await start();
    await registerAndSignIn(pool, 'olga');
    await registerAndSignIn(pool, 'pete');
    const outbox = (await (
      await fetch(`${pool.endpoint}/_local/outbox?username=olga`)
    ).json()) as unknown[];
    expect(outbox).toEqual([
      expect.objectContaining({
        username: 'olga',
        kind: 'signUp',
        destination: 'olga@example.com',
        code: expect.stringMatching(/^\d{6}$/),
      }),
      expect.objectContaining({
        username: 'olga',
        kind: 'challenge',
        code: expect.stringMatching(/^\d{6}$/),
      }),
    ]);
    const challenges = (await (
      await fetch(`${pool.endpoint}/_local/challenges?username=pete`)
    ).json()) as Array<{
      privateChallengeParameters: { answer: string };
    }>;
    expect(challenges).toHaveLength(1);
    expect(challenges[0]?.privateChallengeParameters.answer).toBe(latestCode(pool, 'pete'));
    const config = (await (await fetch(`${pool.endpoint}/_local/config`)).json()) as Record<
      string,
      unknown
    >;
    expect(config).toEqual({
      endpoint: pool.endpoint,
      userPoolId: pool.userPoolId,
      userPoolClientId: pool.userPoolClientId,
      amplifyConfig: pool.amplifyConfig,
      passkeyChallengeUrl: pool.passkeyChallengeUrl,
      passkeyManagementUrl: pool.passkeyManagementUrl,
    });
  });
});
