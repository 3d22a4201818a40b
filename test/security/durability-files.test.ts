import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalPool } from '../../src/local-pool/index.ts';
import { JsonFile } from '../../src/local-pool/persistence/json-file.ts';
import { poolDataProblem } from '../../src/local-pool/persistence/pool-data.ts';
import { PoolStore } from '../../src/local-pool/persistence/pool-store.ts';
import { cognitoPost } from '../support/local-pool.ts';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function folder(): string {
  const path = mkdtempSync(join(tmpdir(), 'pool-files-'));
  folders.push(path);
  return path;
}

const valid = {
  version: 1,
  userPoolId: 'local_CustomAuth',
  signingKey: null,
  users: {
    ann: {
      username: 'ann',
      sub: 's-1',
      status: 'CONFIRMED',
      attributes: { email: 'ann@example.com' },
      salt: '00ab',
      verifier: '12cd',
      createdAt: 1,
    },
  },
  refreshTokens: {},
  revokedOrigins: {},
};

const withUser = (change: Record<string, unknown>) => ({
  ...valid,
  users: { ann: { ...valid.users.ann, ...change } },
});

describe('the shape of pool.json', () => {
  it.each([
    ['null', null, 'the file holds null, not an object'],
    ['an array', [], 'the file holds an array, not an object'],
    ['no users', { ...valid, users: undefined }, 'users is missing'],
    ['users as a list', { ...valid, users: [] }, 'users must be an object'],
    ['another version', { ...valid, version: 2 }, 'version must be 1'],
    ['a user without salt', withUser({ salt: undefined }), 'users["ann"].salt is missing'],
    [
      'a verifier that is not hex',
      withUser({ verifier: 'xyz' }),
      'users["ann"].verifier must be a hex string',
    ],
    [
      'an unknown status',
      withUser({ status: 'GONE' }),
      'users["ann"].status must be "UNCONFIRMED" or "CONFIRMED"',
    ],
    [
      'a half confirmation',
      withUser({ confirmation: { codeHash: 'ab' } }),
      'users["ann"].confirmation.expiresAt is missing',
    ],
    [
      'a revocation time as text',
      { ...valid, revokedOrigins: { x: 'now' } },
      'revokedOrigins["x"] must be a number',
    ],
  ])('names what is wrong with %s', (_, value, problem) => {
    expect(poolDataProblem(value)).toBe(problem);
  });

  it('accepts what the pool writes, with or without the unknown-user secret', () => {
    expect(poolDataProblem(valid)).toBeNull();
    expect(poolDataProblem({ ...valid, unknownUserSecret: 'ab'.repeat(32) })).toBeNull();
  });

  it.each(['null', '[]', '{"version":1}', '{"users":', JSON.stringify(withUser({ salt: 7 }))])(
    'refuses to open %s, naming the file, and leaves it byte for byte',
    async (content) => {
      const dataDir = folder();
      const file = join(dataDir, 'pool.json');
      writeFileSync(file, content);
      await expect(PoolStore.open('local_CustomAuth', dataDir, () => {})).rejects.toThrow(
        new RegExp(
          `data file ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} (has the wrong shape|is not valid JSON)`,
        ),
      );
      expect(readFileSync(file, 'utf8')).toBe(content);
    },
  );

  it('adds the unknown-user secret to an older file once, then keeps it', async () => {
    const dataDir = folder();
    writeFileSync(join(dataDir, 'pool.json'), JSON.stringify(valid));
    const store = await PoolStore.open('local_CustomAuth', dataDir, () => {});
    expect(store.unknownUserSecret).toMatch(/^[0-9a-f]{64}$/);
    const again = await PoolStore.open('local_CustomAuth', dataDir, () => {});
    expect(again.unknownUserSecret).toBe(store.unknownUserSecret);
    expect(again.findUser('ann')?.salt).toBe('00ab');
  });
});

describe('writing pool.json', () => {
  it('removes temporary files a crash left, and nothing else', async () => {
    const dataDir = folder();
    writeFileSync(join(dataDir, 'pool.json'), JSON.stringify(valid));
    writeFileSync(join(dataDir, 'pool.json.4242.tmp'), '{"half');
    writeFileSync(join(dataDir, 'notes.tmp'), 'mine');
    await PoolStore.open('local_CustomAuth', dataDir, () => {});
    expect(readdirSync(dataDir).sort()).toEqual(['notes.tmp', 'pool.json']);
  });

  it('coalesces writes, and resolves each save only once a write holding its change is done', async () => {
    const dataDir = folder();
    const state = { value: 0 };
    let snapshots = 0;
    const file = new JsonFile(dataDir, 'data.json', () => {
      snapshots++;
      return { ...state };
    });
    const saves = Array.from({ length: 50 }, async (_, index) => {
      state.value = index + 1;
      await file.save();
      const onDisk = JSON.parse(readFileSync(join(dataDir, 'data.json'), 'utf8'));
      expect(onDisk.value).toBeGreaterThanOrEqual(index + 1);
    });
    await Promise.all(saves);
    expect(snapshots).toBeLessThan(50);
    expect(existsSync(join(dataDir, `data.json.${process.pid}.tmp`))).toBe(false);
  });

  it('fails the request whose change could not be saved with a 500, logs it, and keeps serving', async () => {
    const dataDir = folder();
    const lines: string[] = [];
    const pool = await startLocalPool({ port: 0, dataDir, log: (line) => lines.push(line) });
    try {
      const signUp = (Username: string) =>
        cognitoPost(pool, 'SignUp', {
          ClientId: pool.userPoolClientId,
          Username,
          Password: 'Correct-Horse-1',
          UserAttributes: [{ Name: 'email', Value: `${Username}@example.com` }],
        });
      // A file where the folder was: every write fails until it is back.
      rmSync(dataDir, { recursive: true });
      writeFileSync(dataDir, 'not a folder');
      expect(await signUp('lost')).toEqual({
        status: 500,
        body: { __type: 'InternalErrorException', message: 'Internal error.' },
      });
      expect(lines.some((line) => line.startsWith(`cannot save to ${dataDir}`))).toBe(true);
      rmSync(dataDir);
      mkdirSync(dataDir);
      expect((await signUp('kept')).status).toBe(200);
      const onDisk = JSON.parse(readFileSync(join(dataDir, 'pool.json'), 'utf8'));
      expect(Object.keys(onDisk.users)).toContain('kept');
    } finally {
      await pool.close();
    }
  });
});
