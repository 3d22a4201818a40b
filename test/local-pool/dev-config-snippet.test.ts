import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { Amplify } from 'aws-amplify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { poolsForEachTest } from '../support/local-pool.ts';

const root = resolve(import.meta.dirname, '../..');
const startPool = poolsForEachTest();

/**
 * The development configuration of docs/local-pool.md, as an app would hold it in a file of
 * its own.
 */
function docsSnippet(): string {
  const page = readFileSync(join(root, 'docs/local-pool.md'), 'utf8');
  const blocks = [...page.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
  const snippet = blocks.find((block) => block.startsWith('// auth-config.ts:'));
  if (!snippet) throw new Error('docs/local-pool.md has no auth-config.ts snippet.');
  return snippet;
}

type ConfigureAuth = () => Promise<void>;

describe("docs/local-pool.md's Amplify configuration for development", () => {
  // Inside the checkout (git-ignored), so the snippet resolves aws-amplify as an app does.
  const dir = join(root, 'test-artifacts', `dev-config-snippet-${process.pid}`);
  let configureAuth: ConfigureAuth;

  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'auth-config.ts');
    writeFileSync(file, docsSnippet());
    ({ configureAuth } = (await import(file)) as { configureAuth: ConfigureAuth });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(() => vi.unstubAllEnvs());

  it('configures Amplify from a running pool in development', async () => {
    const pool = await startPool({ port: 0 });
    vi.stubEnv('VITE_LOCAL_POOL_URL', pool.endpoint);
    await configureAuth();
    expect(Amplify.getConfig().Auth?.Cognito).toMatchObject(pool.amplifyConfig.Auth.Cognito);
  });

  it('says how to start the pool when none answers', async () => {
    const pool = await startPool({ port: 0 });
    await pool.close();
    vi.stubEnv('VITE_LOCAL_POOL_URL', pool.endpoint);
    await expect(configureAuth()).rejects.toThrow(
      `No local user pool at ${pool.endpoint}: start one with npx cognito-custom-auth-pool`,
    );
  });

  it('configures Cognito, with no pool, in production', async () => {
    vi.stubEnv('DEV', false);
    vi.stubEnv('VITE_USER_POOL_ID', 'eu-west-1_Example');
    vi.stubEnv('VITE_USER_POOL_CLIENT_ID', 'exampleclient');
    await configureAuth();
    const cognito = Amplify.getConfig().Auth?.Cognito;
    expect(cognito).toMatchObject({
      userPoolId: 'eu-west-1_Example',
      userPoolClientId: 'exampleclient',
    });
    expect(cognito?.userPoolEndpoint).toBeUndefined();
  });

  it('is served to a page on this machine, as a browser asks for it', async () => {
    const pool = await startPool({ port: 0 });
    const { port } = new URL(pool.endpoint);
    const headers = await new Promise<Record<string, unknown>>((done, fail) => {
      const outgoing = request(
        {
          host: '127.0.0.1',
          port,
          path: '/_local/config',
          headers: { host: `127.0.0.1:${port}`, origin: 'http://localhost:5173' },
        },
        (response) => {
          response.resume();
          response.on('end', () => done({ status: response.statusCode, ...response.headers }));
        },
      );
      outgoing.on('error', fail);
      outgoing.end();
    });
    expect(headers).toMatchObject({
      status: 200,
      'access-control-allow-origin': 'http://localhost:5173',
    });
  });
});

describe("docs/nextjs.md's environment line for a Next.js app against the pool", () => {
  it("is the config a pool run with --cognito-issuer serves on the default port, as Next.js's env files read it", async () => {
    const page = readFileSync(join(root, 'docs/nextjs.md'), 'utf8');
    const line = /```ini\nNEXT_PUBLIC_AMPLIFY_CONFIG=(.*)\n```/.exec(page)?.[1] ?? '';
    const pool = await startPool({ port: 0, cognitoIssuer: true });
    const served = JSON.stringify(pool.amplifyConfig).replace(
      pool.endpoint,
      'http://127.0.0.1:9229',
    );
    expect(line).toBe(served);
    // Unquoted in an env file: nothing in it may start a comment or expand as a variable.
    expect(line).not.toMatch(/[#$\s]/);
  });
});
