import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type LocalPool, startLocalPool } from '../../src/local-pool/index.ts';
import {
  cognitoPost,
  initiateCustomAuth,
  latestCode,
  registerOverHttp,
} from '../support/pool-http.ts';
import { softwareAuthenticator } from '../support/software-authenticator.ts';

const folders: string[] = [];
const pools: LocalPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function start(dataDir: string, flow: string[]) {
  const pool = await startLocalPool({ port: 0, dataDir, flow: flow as never, log: () => {} });
  pools.push(pool);
  return pool;
}

/** One custom round over HTTP: the answer, and what comes next. */
async function answer(pool: LocalPool, session: string, username: string, value: string) {
  const { body } = await cognitoPost(pool, 'RespondToAuthChallenge', {
    ClientId: pool.userPoolClientId,
    ChallengeName: 'CUSTOM_CHALLENGE',
    Session: session,
    ChallengeResponses: { USERNAME: username, ANSWER: value },
  });
  return body as {
    Session?: string;
    ChallengeParameters?: Record<string, string>;
    AuthenticationResult?: unknown;
  };
}

async function begin(pool: LocalPool, username: string) {
  const { body } = await initiateCustomAuth(pool, username);
  return body as { Session: string; ChallengeParameters: Record<string, string> };
}

describe('the local pool keeps its passkeys with its data', () => {
  it('signs in with a passkey after a restart on the same data', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'passkey-pool-'));
    folders.push(dataDir);
    const authenticator = softwareAuthenticator({
      origin: 'http://localhost:5173',
      rpId: 'localhost',
    });
    const first = await start(dataDir, ['code', 'passkeyEnrollment']);
    await registerOverHttp(first, 'rue');
    const opened = await begin(first, 'rue');
    const offer = await answer(first, opened.Session, 'rue', latestCode(first, 'rue'));
    const options = JSON.parse(offer.ChallengeParameters?.publicKey ?? '');
    const enrolled = await answer(
      first,
      offer.Session ?? '',
      'rue',
      JSON.stringify(authenticator.register(options)),
    );
    expect(enrolled.AuthenticationResult).toBeDefined();
    const port = Number(new URL(first.endpoint).port);
    await first.close();
    pools.splice(0);
    const saved = JSON.parse(readFileSync(join(dataDir, 'pool.json'), 'utf8')).passkeys;
    expect(Object.keys(saved)).toEqual([expect.stringMatching(/^sub:/)]);
    expect(Object.values(saved)).toEqual([
      [expect.objectContaining({ id: authenticator.passkeys[0]?.id, counter: 0 })],
    ]);

    const second = await startLocalPool({ port, dataDir, flow: ['passkey'], log: () => {} });
    pools.push(second);
    const round = await begin(second, 'rue');
    const request = JSON.parse(round.ChallengeParameters.publicKey ?? '');
    expect(request.allowCredentials.map(({ id }: { id: string }) => id)).toEqual([
      authenticator.passkeys[0]?.id,
    ]);
    const done = await answer(
      second,
      round.Session,
      'rue',
      JSON.stringify(authenticator.assert(request)),
    );
    expect(done.AuthenticationResult).toBeDefined();
  });

  it('refuses data whose passkeys have the wrong shape, naming the field', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'passkey-pool-'));
    folders.push(dataDir);
    await (await start(dataDir, ['passkey'])).close();
    pools.splice(0);
    const file = join(dataDir, 'pool.json');
    const data = JSON.parse(readFileSync(file, 'utf8'));
    data.passkeys = { 'sub:x': [{ id: 'a', publicKey: 'b', counter: 'one' }] };
    writeFileSync(file, JSON.stringify(data));
    await expect(start(dataDir, ['passkey'])).rejects.toThrow(
      /passkeys\["sub:x"\]\[0\]\.counter must be a number/,
    );
  });
});
