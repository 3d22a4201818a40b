import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  defaultClientId,
  type LocalPool,
  type LocalPoolOptions,
  startLocalPool,
} from '../../src/local-pool/index.ts';
import { UnknownUsers } from '../../src/local-pool/sign-in/unknown-users.ts';
import { cognitoPost, registerOverHttp } from '../support/local-pool.ts';
import { killPoolProcess, startPoolProcess } from '../support/pool-process.ts';
import { startClient } from '../support/srp-client.ts';
import { srpSignIn } from '../support/srp-over-http.ts';

const pools: LocalPool[] = [];
const folders: string[] = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  await Promise.all(children.splice(0).map((child) => killPoolProcess(child)));
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function start(options: LocalPoolOptions = {}) {
  const pool = await startLocalPool({
    port: 0,
    log: () => {},
    flow: 'passwordThenCode',
    ...options,
  });
  pools.push(pool);
  return pool;
}

const password = 'Correct-Horse-1';

async function verifierChallenge(pool: LocalPool, username: string, withPassword = password) {
  const { started, answered } = await srpSignIn(pool, {
    authFlow: 'CUSTOM_AUTH',
    username,
    password: withPassword,
  });
  return { parameters: started.body.ChallengeParameters as Record<string, string>, answered };
}

/** What an observer can compare without knowing the values: names, lengths, alphabets. */
const shape = (parameters: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(parameters).map(([name, value]) => [
      name,
      name === 'USERNAME' || name === 'USER_ID_FOR_SRP'
        ? 'name'
        : `${/^[0-9a-f]+$/.test(value) ? 'hex' : 'base64'}`,
    ]),
  );

/** SignUp and ConfirmSignUp against a pool in another process, reading the code it "sent". */
async function registerInProcess(endpoint: string, Username: string) {
  const pool = { endpoint } as LocalPool;
  const ClientId = defaultClientId;
  await cognitoPost(pool, 'SignUp', {
    ClientId,
    Username,
    Password: password,
    UserAttributes: [{ Name: 'email', Value: `${Username}@example.com` }],
  });
  const outbox = (await (
    await fetch(`${endpoint}/_local/outbox?username=${Username}`)
  ).json()) as Array<{ code: string }>;
  const confirmed = await cognitoPost(pool, 'ConfirmSignUp', {
    ClientId,
    Username,
    ConfirmationCode: outbox.at(-1)?.code,
  });
  expect(confirmed.status).toBe(200);
}

describe('unknown users in the pool', () => {
  it('get a PASSWORD_VERIFIER challenge shaped like a real user’s', async () => {
    const pool = await start();
    await registerOverHttp(pool, 'real', password);
    const real = await verifierChallenge(pool, 'real');
    const ghost = await verifierChallenge(pool, 'ghost');
    expect(shape(ghost.parameters)).toEqual(shape(real.parameters));
    expect(ghost.parameters.SECRET_BLOCK?.length).toBe(real.parameters.SECRET_BLOCK?.length);
    for (const { parameters } of [real, ghost]) {
      // 16 random bytes, padded as Cognito pads: 32 hex digits, 34 with a leading 00.
      expect(parameters.SALT).toMatch(
        /^(?:00[89a-f][0-9a-f]{31}|[0-7][0-9a-f]{31}|[0-9a-f]{1,31})$/,
      );
      expect(parameters.SRP_B?.length).toBeGreaterThan(760);
    }
  });

  it('fail a right-looking password claim with the same answer as a wrong password', async () => {
    const pool = await start();
    await registerOverHttp(pool, 'real', password);
    const wrong = await verifierChallenge(pool, 'real', `${password}x`);
    const ghost = await verifierChallenge(pool, 'ghost');
    expect(ghost.answered?.body).toEqual(wrong.answered?.body);
    expect(ghost.answered?.status).toBe(wrong.answered?.status);
  });

  it('keep their salt across restarts of the pool process, as a real user does', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'unknown-salts-'));
    folders.push(dataDir);
    const args = ['--data', dataDir, '--flow', 'passwordThenCode'];
    const salts = async (endpoint: string) => {
      const pool = { endpoint } as LocalPool;
      const salt = async (USERNAME: string) =>
        (
          await cognitoPost(pool, 'InitiateAuth', {
            ClientId: defaultClientId,
            AuthFlow: 'CUSTOM_AUTH',
            AuthParameters: { USERNAME, SRP_A: startClient().srpA, CHALLENGE_NAME: 'SRP_A' },
          })
        ).body.ChallengeParameters as Record<string, string>;
      return [(await salt('real')).SALT, (await salt('ghost')).SALT, (await salt('GHOST')).SALT];
    };
    const first = await startPoolProcess(args);
    children.push(first.child);
    await registerInProcess(first.endpoint, 'real');
    const before = await salts(first.endpoint);
    expect(before[2]).toBe(before[1]);
    await killPoolProcess(first.child, 'SIGTERM');
    const second = await startPoolProcess(args);
    children.push(second.child);
    expect(await salts(second.endpoint)).toEqual(before);
  }, 30_000);

  it('derive their credentials from the pool’s secret alone', () => {
    const secret = 'ab'.repeat(32);
    const one = new UnknownUsers(secret).credentials('local_CustomAuth', 'Ghost');
    expect(new UnknownUsers(secret).credentials('local_CustomAuth', 'ghost')).toEqual(one);
    expect(new UnknownUsers('cd'.repeat(32)).credentials('local_CustomAuth', 'ghost')).not.toEqual(
      one,
    );
    expect(one.verifier).toMatch(/^[0-9a-f]{760,770}$/);
  });
});
