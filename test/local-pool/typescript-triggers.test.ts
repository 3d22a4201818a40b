import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalPool, OutboxEntry } from '../../src/local-pool/index.ts';
import { loadTriggerModule } from '../../src/local-pool/sign-in/trigger-module.ts';
import { compilePool } from '../support/compiled-pool.ts';
import {
  cognitoPost,
  poolsForEachTest,
  registerOverHttp,
  signInOverHttp,
} from '../support/local-pool.ts';
import { killPoolProcess } from '../support/pool-process.ts';

const root = resolve(import.meta.dirname, '../..');
const localTriggers = join(root, 'test/fixtures/ts-triggers/local-triggers.ts');
const startPool = poolsForEachTest();

/** What a signed-in user got: the code from the outbox, and whether it signed in. */
async function signInWithOutboxCode(pool: LocalPool, username: string) {
  await registerOverHttp(pool, username);
  const tokens = await signInOverHttp(pool, username);
  return { code: pool.outbox(username).at(-1)?.code, signedIn: Boolean(tokens?.AccessToken) };
}

describe('TypeScript triggers', () => {
  it('loads a .ts module through tsx, whose codes reach the outbox', async () => {
    const pool = await startPool({ triggers: localTriggers });
    expect(await signInWithOutboxCode(pool, 'alice')).toEqual({
      code: expect.stringMatching(/^\d{8}$/),
      signedIn: true,
    });
    expect(pool.challenges('alice').at(-1)?.publicChallengeParameters.hint).toBe(
      'Check your inbox',
    );
  });

  it('loads a .mts module', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mts-triggers-'));
    try {
      const file = join(dir, 'triggers.mts');
      writeFileSync(
        file,
        'type Handler = (event: object) => Promise<void>;\n' +
          'const noop: Handler = async () => {};\n' +
          'export { noop as defineAuthChallenge, noop as createAuthChallenge, noop as verifyAuthChallengeResponse };\n',
      );
      const handlers = await loadTriggerModule(file);
      expect(Object.keys(handlers)).toHaveLength(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("docs/local-pool.md's recipe", () => {
  it.each(['triggers.ts', 'local-triggers.ts'])('shows %s as the tests run it', (name) => {
    const fixture = readFileSync(join(root, 'test/fixtures/ts-triggers', name), 'utf8');
    const code = fixture
      .replace(/^\/\/.*\n/, '')
      .replaceAll("'../../../src/triggers/index.ts'", "'cognito-custom-auth/triggers'")
      .replaceAll("'../../../src/local-pool/index.ts'", "'cognito-custom-auth/local-pool'");
    const page = readFileSync(join(root, 'docs/local-pool.md'), 'utf8');
    expect(page).toContain(`// auth/${name}: `);
    expect(page).toContain(code);
  });
});

describe('the CLI on Node without a TypeScript loader', () => {
  let work: string;
  let cli: string;
  const children: ChildProcess[] = [];

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'pool-cli-'));
    cli = compilePool(join(work, 'pool'));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(children.map((child) => killPoolProcess(child)));
    rmSync(work, { recursive: true, force: true });
  });

  /** Starts the compiled CLI; resolves to its endpoint, or to its output once it exits. */
  function runCli(args: string[], cwd: string) {
    const child = spawn(process.execPath, [cli, '--port', '0', ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    return new Promise<{ endpoint?: string; exitCode?: number | null; output: string }>((done) => {
      let output = '';
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        const endpoint = /listening on (http:\/\/\S+)/.exec(output)?.[1];
        if (endpoint && output.includes('codes sent')) done({ endpoint, output });
      };
      child.stdout?.on('data', read);
      child.stderr?.on('data', read);
      child.once('exit', (exitCode) => done({ exitCode, output }));
    });
  }

  it("runs .ts triggers through the project's tsx, their codes in /_local/outbox", async () => {
    const { endpoint, output } = await runCli(['--triggers', localTriggers], root);
    expect(endpoint, output).toBeDefined();
    const pool = { endpoint: String(endpoint) } as LocalPool;
    const ClientId = 'localcustomauthclient00000';
    const latestCode = async () => {
      const sent = (await (
        await fetch(`${endpoint}/_local/outbox?username=erin`)
      ).json()) as OutboxEntry[];
      return sent.at(-1)?.code;
    };
    await cognitoPost(pool, 'SignUp', {
      ClientId,
      Username: 'erin',
      Password: 'Correct-Horse-1',
      UserAttributes: [{ Name: 'email', Value: 'erin@example.com' }],
    });
    await cognitoPost(pool, 'ConfirmSignUp', {
      ClientId,
      Username: 'erin',
      ConfirmationCode: await latestCode(),
    });
    const started = await cognitoPost(pool, 'InitiateAuth', {
      ClientId,
      AuthFlow: 'CUSTOM_AUTH',
      AuthParameters: { USERNAME: 'erin' },
    });
    expect(started.body.ChallengeParameters).toMatchObject({ codeLength: '8' });
    const code = await latestCode();
    expect(code).toMatch(/^\d{8}$/);
    const answered = await cognitoPost(pool, 'RespondToAuthChallenge', {
      ClientId,
      ChallengeName: 'CUSTOM_CHALLENGE',
      Session: started.body.Session,
      ChallengeResponses: { USERNAME: 'erin', ANSWER: code },
    });
    expect(answered.body.AuthenticationResult).toHaveProperty('AccessToken');
  }, 30_000);

  it('says how to run .ts triggers when tsx cannot be found', async () => {
    const project = mkdtempSync(join(work, 'app-'));
    writeFileSync(
      join(project, 'triggers.ts'),
      'export const defineAuthChallenge = async (event: object) => event;\n',
    );
    const { exitCode, output } = await runCli(['--triggers', 'triggers.ts'], project);
    expect(exitCode).toBe(1);
    expect(output.trim()).toBe(
      `Cannot load triggers.ts: Node.js ${process.version} cannot run TypeScript by itself, and tsx is not installed in this project. Install it (npm install --save-dev tsx) and start the pool again, or start the pool through a TypeScript loader (node --import tsx node_modules/.bin/cognito-custom-auth-pool --triggers triggers.ts), or compile the triggers to JavaScript and pass the .js file.`,
    );
  }, 30_000);
});
