import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startPoolProcess } from '../support/pool-process.ts';

const root = resolve(import.meta.dirname, '../..');
const clientId = 'localcustomauthclient00000';
const children: ChildProcess[] = [];
const folders: string[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function startCli(dataDir: string) {
  const started = await startPoolProcess(['--data', dataDir]);
  children.push(started.child);
  return started;
}

async function post(endpoint: string, operation: string, body: object) {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
    },
    body: JSON.stringify({ ClientId: clientId, ...body }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function latestCode(endpoint: string, username: string): Promise<string> {
  const entries = (await (
    await fetch(`${endpoint}/_local/outbox?username=${username}`)
  ).json()) as Array<{ code: string }>;
  return entries.at(-1)?.code ?? '';
}

const signUp = (endpoint: string, username: string) =>
  post(endpoint, 'SignUp', {
    Username: username,
    Password: 'Correct-Horse-1',
    UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }],
  });

async function signedIn(endpoint: string, username: string) {
  await signUp(endpoint, username);
  await post(endpoint, 'ConfirmSignUp', {
    Username: username,
    ConfirmationCode: await latestCode(endpoint, username),
  });
  const started = await post(endpoint, 'InitiateAuth', {
    AuthFlow: 'CUSTOM_AUTH',
    AuthParameters: { USERNAME: username },
  });
  const answered = await post(endpoint, 'RespondToAuthChallenge', {
    ChallengeName: 'CUSTOM_CHALLENGE',
    Session: started.body.Session,
    ChallengeResponses: { USERNAME: username, ANSWER: await latestCode(endpoint, username) },
  });
  return answered.body.AuthenticationResult as { AccessToken: string; RefreshToken: string };
}

describe('a 200 means it is on disk', () => {
  it('keeps every answered sign-up and revocation through kill -9', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'durable-pool-'));
    folders.push(dataDir);
    const first = await startCli(dataDir);
    const tokens = await signedIn(first.endpoint, 'keeper');
    const revoked = await post(first.endpoint, 'GlobalSignOut', {
      AccessToken: tokens.AccessToken,
    });
    expect(revoked.status).toBe(200);

    const answered: string[] = [];
    let killed = false;
    const names = Array.from({ length: 40 }, (_, index) => `crash${index}`);
    await Promise.allSettled(
      names.map(async (name) => {
        const response = await signUp(first.endpoint, name);
        if (response.status !== 200) return;
        answered.push(name);
        // Killed as soon as a few have answered, with the rest still in flight.
        if (answered.length >= 5 && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }),
    );
    expect(killed).toBe(true);
    expect(answered.length).toBeGreaterThanOrEqual(5);

    const onDisk = JSON.parse(readFileSync(join(dataDir, 'pool.json'), 'utf8'));
    expect(Object.keys(onDisk.users)).toEqual(expect.arrayContaining(answered));

    const second = await startCli(dataDir);
    for (const name of answered) {
      expect((await signUp(second.endpoint, name)).body.__type).toBe('UsernameExistsException');
    }
    const refresh = await post(second.endpoint, 'GetTokensFromRefreshToken', {
      RefreshToken: tokens.RefreshToken,
    });
    expect(refresh.body).toEqual({
      __type: 'NotAuthorizedException',
      message: 'Refresh Token has been revoked',
    });
  }, 60_000);

  it('stops with exit 1 and a clear message on a data file of the wrong shape, leaving it untouched', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bad-pool-'));
    folders.push(dataDir);
    const file = join(dataDir, 'pool.json');
    const content = '{"version":1,"userPoolId":"local_CustomAuth","signingKey":null}';
    writeFileSync(file, content);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(root, 'src/local-pool/cli.ts'), '--port', '0', '--data', dataDir],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.push(child);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((done) => child.once('exit', done));
    expect(code).toBe(1);
    expect(stderr).toContain(
      `The local pool's data file ${file} has the wrong shape: users is missing.`,
    );
    expect(readFileSync(file, 'utf8')).toBe(content);
  }, 30_000);
});
