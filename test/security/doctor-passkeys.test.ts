import { describe, expect, it } from 'vitest';
import { pageOrigins } from '../../src/doctor/passkey-checks.ts';
import type { LocalPool } from '../../src/local-pool/index.ts';
import { doctorInProcess, poolArgs } from '../support/doctor.ts';
import { poolsForEachTest } from '../support/local-pool.ts';

const start = poolsForEachTest();

/** Both handlers of the pool, checked for the page at `origin`. */
const withHandlers = (pool: LocalPool, origin: string) =>
  poolArgs(
    pool,
    '--passkey-challenge-url',
    pool.passkeyChallengeUrl,
    '--passkey-management-url',
    pool.passkeyManagementUrl,
    '--passkey-origin',
    origin,
  );

const doctor = (args: string[], fetch?: typeof globalThis.fetch) =>
  doctorInProcess(args, fetch && { fetch });

/** The pool's handlers, with one answer of the challenge handler rewritten. */
const rewritingChallenges =
  (rewrite: (answer: { publicKey: Record<string, unknown> }) => unknown, cors?: string) =>
  async (input: string | URL | Request, init?: RequestInit) => {
    const response = await fetch(input, init);
    if (!String(input).endsWith('/passkeys/challenge') || response.status !== 200) return response;
    const headers = new Headers(response.headers);
    if (cors) headers.set('access-control-allow-origin', cors);
    return new Response(JSON.stringify(rewrite(await response.json())), { headers });
  };

describe('the doctor’s passkey checks', () => {
  it('passes the local pool’s handlers for a page on localhost', async () => {
    const pool = await start();
    const result = await doctor(withHandlers(pool, 'http://localhost:5173'));
    expect(result.out).toMatch(
      /ok\s+Passkey challenges for http:\/\/localhost:5173: RP ID localhost/,
    );
    expect(result.out).toMatch(/ok\s+Passkey management for http:\/\/localhost:5173/);
    expect(result.out).toMatch(/ok\s+Passkey challenges for other sites/);
    expect(result.out).toContain('All checks pass.');
    expect(result.status).toBe(0);
  }, 30_000);

  it('names a page the handlers refuse (exit 1)', async () => {
    const pool = await start();
    const result = await doctor(withHandlers(pool, 'https://app.example.com'));
    expect(result.out).toMatch(/PROBLEM\s+Passkey challenges for https:\/\/app.example.com/);
    expect(result.out).toContain('answered 403 without allowing https://app.example.com');
    expect(result.out).toMatch(/PROBLEM\s+Passkey management for https:\/\/app.example.com/);
    expect(result.status).toBe(1);
  }, 30_000);

  it('names an RP ID that does not cover the page, and notes UV only preferred', async () => {
    const pool = await start();
    const args = poolArgs(
      pool,
      '--passkey-challenge-url',
      pool.passkeyChallengeUrl,
      '--passkey-origin',
      'http://localhost:5173',
    );
    const wrongRp = await doctor(
      args,
      rewritingChallenges(({ publicKey }) => ({
        publicKey: { ...publicKey, rpId: 'example.com' },
      })),
    );
    expect(wrongRp.out).toContain(
      'The RP ID example.com is neither localhost nor a domain it belongs to',
    );
    expect(wrongRp.status).toBe(1);
    const preferred = await doctor(
      args,
      rewritingChallenges(({ publicKey }) => ({
        publicKey: { ...publicKey, userVerification: 'preferred' },
      })),
    );
    expect(preferred.out).toMatch(/note\s+Passkey challenges for http:\/\/localhost:5173/);
    expect(preferred.status).toBe(0);
  }, 30_000);

  it('notes a handler that lets any site ask', async () => {
    const pool = await start();
    const result = await doctor(
      poolArgs(
        pool,
        '--passkey-challenge-url',
        pool.passkeyChallengeUrl,
        '--passkey-origin',
        'http://localhost:5173',
      ),
      async (input, init) => {
        const response = await fetch(input, {
          ...init,
          headers: {
            ...(init?.headers as Record<string, string>),
            origin: 'http://localhost:5173',
          },
        });
        const headers = new Headers(response.headers);
        headers.set('access-control-allow-origin', '*');
        const { origin } = (init?.headers ?? {}) as Record<string, string>;
        if (origin === 'http://localhost:5173') headers.set('access-control-allow-origin', origin);
        return new Response(await response.text(), { status: response.status, headers });
      },
    );
    expect(result.out).toMatch(/note\s+Passkey challenges for other sites/);
    expect(result.status).toBe(0);
  }, 30_000);

  it('asks for a page when the app client names none, and refuses malformed options', async () => {
    const pool = await start();
    const noPage = await doctor(
      poolArgs(pool, '--passkey-challenge-url', pool.passkeyChallengeUrl),
    );
    expect(noPage.out).toMatch(/PROBLEM\s+Passkey pages/);
    expect(noPage.out).toContain('--passkey-origin https://app.example.com');
    expect(noPage.status).toBe(1);
    for (const bad of [
      ['--passkey-origin', 'https://app.example.com/sign-in'],
      ['--passkey-challenge-url', 'ftp://x'],
    ]) {
      const result = await doctor(poolArgs(pool, ...bad));
      expect(result.status).toBe(2);
      expect(result.err).toMatch(/--passkey-(origin|challenge-url) must be/);
    }
  }, 30_000);
});

describe('the pages whose passkeys the doctor checks', () => {
  it('are those given and those of the client’s callback and sign-out URLs, https or localhost', () => {
    expect(
      pageOrigins(
        {
          CallbackURLs: ['https://app.example.com/callback', 'http://insecure.example.com/'],
          LogoutURLs: ['https://app.example.com/', 'http://localhost:3000/out', 'myapp://callback'],
        },
        ['https://admin.example.com'],
      ),
    ).toEqual(['https://admin.example.com', 'https://app.example.com', 'http://localhost:3000']);
  });
});
