import { type IncomingHttpHeaders, request } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { createPoolServer } from '../../src/local-pool/api/server.ts';
import type { LocalPool } from '../../src/local-pool/index.ts';
import { FaultInjector } from '../../src/local-pool/local-aids/faults.ts';
import {
  type ChallengeEntry,
  LocalLog,
  type OutboxEntry,
} from '../../src/local-pool/local-aids/local-log.ts';
import {
  isLocalCaller,
  isLocalHost,
  mayAdminister,
} from '../../src/local-pool/local-aids/loopback.ts';
import { type AuthSession, SessionStore } from '../../src/local-pool/sign-in/sessions.ts';
import { cognitoPost, poolsForEachTest, registerOverHttp } from '../support/local-pool.ts';
import {
  answerPasswordVerifier,
  startClient,
  type VerifierChallenge,
} from '../support/srp-client.ts';

const start = poolsForEachTest();

/** A raw request, so the Host header can be what a rebinding page would send. */
function raw(
  pool: Pick<LocalPool, 'endpoint'>,
  input: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: string; headers: IncomingHttpHeaders }> {
  const { port } = new URL(pool.endpoint);
  return new Promise((done, fail) => {
    const outgoing = request(
      {
        host: '127.0.0.1',
        port,
        method: input.method ?? 'GET',
        path: input.path,
        headers: input.headers,
      },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => {
          body += chunk.toString();
        });
        response.on('end', () =>
          done({ status: response.statusCode ?? 0, body, headers: response.headers }),
        );
      },
    );
    outgoing.on('error', fail);
    outgoing.end(input.body);
  });
}

describe('the local aids answer this machine only', () => {
  it.each(['/_local/outbox', '/_local/challenges', '/_local/config'])(
    'refuse %s to a Host that is not loopback (DNS rebinding), with no data',
    async (path) => {
      const pool = await start();
      await registerOverHttp(pool, 'vic');
      for (const host of ['evil.example', 'evil.example:9229', '192.168.1.20:9229']) {
        const response = await raw(pool, { path, headers: { host } });
        expect(response.status).toBe(403);
        expect(response.body).not.toMatch(/vic|code|userPoolId/);
      }
      for (const host of ['localhost:9229', '127.0.0.1', '127.4.5.6:80', '[::1]:9229']) {
        expect((await raw(pool, { path, headers: { host } })).status).toBe(200);
      }
    },
  );

  it.each(['/_local/outbox', '/./_local/outbox', '/_local/../_local/outbox'])(
    'give %s no CORS grant for a foreign origin, however the path is spelled',
    async (path) => {
      const pool = await start();
      const response = await raw(pool, {
        path,
        headers: { host: 'localhost', origin: 'https://evil.example' },
      });
      expect(response.status).toBe(200);
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    },
  );

  it('answers a path that is no URL with 400 and keeps serving', async () => {
    const pool = await start();
    expect((await raw(pool, { path: '//[', headers: { host: 'localhost' } })).status).toBe(400);
    expect((await cognitoPost(pool, 'GetUser', { AccessToken: 'x' })).status).toBe(400);
  });

  it('accepts the configured --host as well', () => {
    expect(isLocalHost('devbox.lan:9229', 'devbox.lan')).toBe(true);
    expect(isLocalHost('[fd00::1]:9229', 'fd00::1')).toBe(true);
    expect(isLocalHost('evil.example', '0.0.0.0')).toBe(false);
    expect(isLocalHost(undefined, '127.0.0.1')).toBe(false);
  });

  it('refuse a request from another machine’s address, even with a loopback Host', async () => {
    const outbox = new LocalLog<OutboxEntry>();
    outbox.add({
      username: 'vic',
      destination: 'v@example.com',
      kind: 'signUp',
      code: '1',
      time: '',
    });
    const server = createPoolServer({
      userPoolId: 'local_CustomAuth',
      host: '0.0.0.0',
      operations: {},
      jwks: () => ({ keys: [] }),
      config: () => ({}),
      outbox,
      challenges: new LocalLog<ChallengeEntry>(),
      faults: new FaultInjector(),
      latencyMs: 0,
      countRequest: () => {},
      log: () => {},
      passkeyChallenge: async () => ({ statusCode: 500, headers: {}, body: '' }),
      passkeyManagement: async () => ({ statusCode: 500, headers: {}, body: '' }),
    });
    // The peer address as the server would see a caller on the network, over a real connection.
    let remoteAddress = '192.168.1.20';
    server.on('connection', (socket: Socket) => {
      Object.defineProperty(socket, 'remoteAddress', { value: remoteAddress });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      // A new connection each time, so the next request gets the next peer address.
      const headers = { host: 'localhost', connection: 'close' };
      const get = () => raw({ endpoint }, { path: '/_local/outbox', headers });
      const refused = await get();
      expect(refused.status).toBe(403);
      expect(refused.body).not.toContain('vic');
      remoteAddress = '::ffff:127.0.0.1';
      expect(await get()).toMatchObject({ status: 200, body: expect.stringContaining('vic') });
    } finally {
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
    }
  });

  it('refuse a caller on another machine, even one that sends a loopback Host', () => {
    const caller = (remoteAddress: string | undefined, host = 'localhost:9229') => ({
      headers: { host },
      socket: { remoteAddress },
    });
    for (const remote of [
      '192.168.1.20',
      '10.0.0.7',
      'fd00::1',
      '::ffff:192.168.1.20',
      undefined,
    ]) {
      expect(isLocalCaller(caller(remote), '0.0.0.0')).toBe(false);
      expect(isLocalCaller(caller(remote, 'devbox.lan:9229'), 'devbox.lan')).toBe(false);
    }
    for (const remote of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) {
      expect(isLocalCaller(caller(remote), '0.0.0.0')).toBe(true);
      expect(isLocalCaller(caller(remote, 'evil.example'), '0.0.0.0')).toBe(false);
    }
    // Look-alikes of loopback that are not.
    for (const remote of ['128.0.0.1', '::2', '::ffff:128.0.0.1', '127.0.0.1.evil', '1127.0.0.1']) {
      expect(isLocalCaller(caller(remote), '0.0.0.0')).toBe(false);
    }
  });

  it('takes administrator calls from this machine only, never from another site’s page', async () => {
    const pool = await start();
    await registerOverHttp(pool, 'wes');
    const body = JSON.stringify({
      UserPoolId: pool.userPoolId,
      Username: 'wes',
      UserAttributes: [{ Name: 'email', Value: 'attacker@evil.example' }],
    });
    const update = (headers: Record<string, string>) =>
      raw(pool, {
        method: 'POST',
        path: '/',
        body,
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': 'AWSCognitoIdentityProviderService.AdminUpdateUserAttributes',
          ...headers,
        },
      });
    const fromPage = await update({ origin: 'https://evil.example' });
    expect(fromPage.status).toBe(400);
    expect(JSON.parse(fromPage.body)).toEqual({
      __type: 'MissingAuthenticationTokenException',
      message: 'Missing Authentication Token',
    });
    expect((await update({ host: 'pool.example' })).status).toBe(400);
    expect((await update({})).status).toBe(200);
    // A caller on the network is refused whatever Host and Origin it claims.
    const lan = { headers: { host: 'localhost', origin: 'http://localhost:5173' } };
    expect(mayAdminister({ ...lan, socket: { remoteAddress: '192.168.1.20' } }, '0.0.0.0')).toBe(
      false,
    );
    expect(mayAdminister({ ...lan, socket: { remoteAddress: '127.0.0.1' } }, '0.0.0.0')).toBe(true);
  });

  it('leaves the Cognito API and the JWKS open to any Host, as Cognito is', async () => {
    const pool = await start();
    const jwks = await raw(pool, {
      path: `/${pool.userPoolId}/.well-known/jwks.json`,
      headers: { host: 'auth.example' },
    });
    expect(jwks.status).toBe(200);
  });

  it('sets faults only from a JSON body and a loopback or absent origin', async () => {
    const pool = await start();
    const plan = JSON.stringify({ count: 1, status: 503 });
    const post = (headers: Record<string, string>) =>
      raw(pool, { method: 'POST', path: '/_local/faults', headers, body: plan });
    expect((await post({ 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post({})).status).toBe(415);
    expect(
      (await post({ 'content-type': 'application/json', origin: 'https://evil.example' })).status,
    ).toBe(403);
    const stillFine = await cognitoPost(pool, 'GetUser', { AccessToken: 'x' });
    expect(stillFine.status).toBe(400);
    expect(
      (
        await post({
          'content-type': 'application/json; charset=utf-8',
          origin: 'http://localhost:5173',
        })
      ).status,
    ).toBe(200);
    expect((await cognitoPost(pool, 'GetUser', { AccessToken: 'x' })).status).toBe(503);
  });
});

describe('open sessions', () => {
  it('let one username flooding sign-ins displace only its own sessions', async () => {
    const pool = await start({ flow: 'passwordThenCode', sessionLimits: { total: 100 } });
    const ClientId = pool.userPoolClientId;
    await registerOverHttp(pool, 'vic', 'Correct-Horse-1');
    const client = startClient();
    const victim = await cognitoPost(pool, 'InitiateAuth', {
      ClientId,
      AuthFlow: 'CUSTOM_AUTH',
      AuthParameters: { USERNAME: 'vic', SRP_A: client.srpA, CHALLENGE_NAME: 'SRP_A' },
    });
    const flood = startClient();
    for (let round = 0; round < 150; round++) {
      const response = await cognitoPost(pool, 'InitiateAuth', {
        ClientId,
        AuthFlow: 'CUSTOM_AUTH',
        AuthParameters: { USERNAME: 'mallory', SRP_A: flood.srpA, CHALLENGE_NAME: 'SRP_A' },
      });
      expect(response.status).toBe(200);
    }
    const { responses } = answerPasswordVerifier({
      poolName: 'CustomAuth',
      password: 'Correct-Horse-1',
      a: client.a,
      challenge: victim.body.ChallengeParameters as unknown as VerifierChallenge,
    });
    const answered = await cognitoPost(pool, 'RespondToAuthChallenge', {
      ClientId,
      ChallengeName: 'PASSWORD_VERIFIER',
      Session: victim.body.Session,
      ChallengeResponses: responses,
    });
    expect(answered.body).toMatchObject({ ChallengeName: 'CUSTOM_CHALLENGE' });
  });

  const session = (username: string) => ({ username }) as AuthSession;

  it('cap each username, its own oldest giving way', () => {
    const store = new SessionStore(60_000, { total: 1_000, perUser: 50 });
    const first = store.issue(session('Mallory'));
    for (let index = 0; index < 60; index++) store.issue(session('mallory'));
    expect(store.openFor('MALLORY')).toBe(50);
    expect(store.take(first)).toBeUndefined();
  });

  it('bound the total by taking from the name that holds the most', () => {
    const store = new SessionStore(60_000, { total: 100, perUser: 50 });
    const kept = store.issue(session('vic'));
    for (const name of ['m1', 'm2', 'm3']) {
      for (let index = 0; index < 50; index++) store.issue(session(name));
    }
    expect(store.size).toBe(100);
    expect(store.take(kept)).toMatchObject({ username: 'vic' });
  });

  it('bound the total by taking only from a name that holds more than one', () => {
    const store = new SessionStore(60_000, { total: 50, perUser: 50 });
    const only = Array.from({ length: 48 }, (_, index) => store.issue(session(`user${index}`)));
    const first = store.issue(session('flood'));
    const second = store.issue(session('flood'));
    const late = store.issue(session('late'));
    expect(store.openFor('flood')).toBe(1);
    expect(() => store.issue(session('later'))).toThrow('Too many requests');
    expect(store.take(first)).toBeUndefined();
    for (const token of [...only, second, late]) expect(store.take(token)).toBeDefined();
  });

  it('refuse a new sign-in when the total is reached through names holding one each', () => {
    const store = new SessionStore(60_000, { total: 50, perUser: 50 });
    const only = Array.from({ length: 50 }, (_, index) => store.issue(session(`user${index}`)));
    expect(() => store.issue(session('late'))).toThrow(
      expect.objectContaining({ type: 'TooManyRequestsException', message: 'Too many requests' }),
    );
    expect(store.size).toBe(50);
    for (const token of only) expect(store.take(token)).toBeDefined();
    expect(() => store.issue(session('late'))).not.toThrow();
  });

  it('make room from expired sessions before refusing', () => {
    vi.useFakeTimers();
    try {
      const store = new SessionStore(1_000, { total: 3, perUser: 3 });
      for (const name of ['a', 'b', 'c']) store.issue(session(name));
      vi.advanceTimersByTime(1_001);
      const kept = store.issue(session('d'));
      expect(store.size).toBe(1);
      expect(store.take(kept)).toMatchObject({ username: 'd' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('answer InitiateAuth with TooManyRequestsException when every open session is another name’s only one', async () => {
    const pool = await start({ sessionLimits: { total: 3 } });
    const initiate = (USERNAME: string) =>
      cognitoPost(pool, 'InitiateAuth', {
        ClientId: pool.userPoolClientId,
        AuthFlow: 'CUSTOM_AUTH',
        AuthParameters: { USERNAME },
      });
    for (const name of ['ann', 'bob', 'cy']) expect((await initiate(name)).status).toBe(200);
    const refused = await initiate('dee');
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      __type: 'TooManyRequestsException',
      message: 'Too many requests',
    });
  });
});
