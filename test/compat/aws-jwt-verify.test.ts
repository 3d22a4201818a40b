import https from 'node:https';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { describe, expect, it, vi } from 'vitest';
import { redirectCognitoJwksFetch } from '../../src/local-pool/edge/index.ts';
import { type LocalPool, redirectCognitoJwks } from '../../src/local-pool/index.ts';
import { poolsForEachTest, registerOverHttp, signInOverHttp } from '../support/local-pool.ts';

const start = poolsForEachTest();

/** A backend's verifier for the pool's tokens, fed the pool's JWKS instead of AWS's URL. */
async function verifierFor(pool: LocalPool, tokenUse: 'access' | 'id') {
  const verifier = CognitoJwtVerifier.create({
    userPoolId: pool.userPoolId,
    tokenUse,
    clientId: pool.userPoolClientId,
  });
  const jwks = await fetch(`${pool.endpoint}/${pool.userPoolId}/.well-known/jwks.json`);
  verifier.cacheJwks(await jwks.json());
  return verifier;
}

describe('tokens checked by aws-jwt-verify, as a backend checks Cognito’s', () => {
  it('verifies access and ID tokens of a pool with a Cognito-style issuer', async () => {
    const pool = await start({ flow: 'passwordless', cognitoIssuer: true });
    expect(pool.userPoolId).toBe('xx-local-1_CustomAuth');
    await registerOverHttp(pool, 'xena');
    const tokens = (await signInOverHttp(pool, 'xena')) ?? { AccessToken: '', IdToken: '' };

    const access = await (await verifierFor(pool, 'access')).verify(tokens.AccessToken);
    expect(access).toMatchObject({
      iss: 'https://cognito-idp.xx-local-1.amazonaws.com/xx-local-1_CustomAuth',
      token_use: 'access',
      client_id: pool.userPoolClientId,
      username: 'xena',
      version: 2,
    });
    const id = await (await verifierFor(pool, 'id')).verify(tokens.IdToken);
    expect(id).toMatchObject({
      aud: pool.userPoolClientId,
      token_use: 'id',
      'cognito:username': 'xena',
      email_verified: true,
    });
  });

  it('refuses a token of another client, and a pool id that is not Cognito-shaped', async () => {
    const pool = await start({ flow: 'passwordless', cognitoIssuer: true });
    await registerOverHttp(pool, 'yuri');
    const tokens = (await signInOverHttp(pool, 'yuri')) ?? { AccessToken: '' };
    const other = CognitoJwtVerifier.create({
      userPoolId: pool.userPoolId,
      tokenUse: 'access',
      clientId: 'someotherclient',
    });
    other.cacheJwks(
      await (await fetch(`${pool.endpoint}/${pool.userPoolId}/.well-known/jwks.json`)).json(),
    );
    await expect(other.verify(tokens.AccessToken)).rejects.toThrow(/client/i);
    await expect(start({ cognitoIssuer: true, userPoolId: 'local_CustomAuth' })).rejects.toThrow(
      /Cognito-style issuers need a pool id such as xx-local-1_CustomAuth/,
    );
  });
});

describe('the keys redirected to the pool, as a Next.js app against the pool needs them', () => {
  it('lets a verifier that knows only the pool id check its tokens, and stops cleanly', async () => {
    const pool = await start({ flow: 'passwordless', cognitoIssuer: true });
    await registerOverHttp(pool, 'zora');
    const tokens = (await signInOverHttp(pool, 'zora')) ?? { AccessToken: '' };
    const original = https.request;
    const stop = redirectCognitoJwks({ endpoint: pool.endpoint, userPoolId: pool.userPoolId });
    try {
      // As @aws-amplify/adapter-nextjs makes it: no keys given, so it fetches Cognito's URL.
      const verifier = CognitoJwtVerifier.create({
        userPoolId: pool.userPoolId,
        tokenUse: 'access',
        clientId: pool.userPoolClientId,
      });
      expect(await verifier.verify(tokens.AccessToken)).toMatchObject({ username: 'zora' });
      // Any other request goes where it was going.
      const elsewhere = https.request(
        'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other/.well-known/jwks.json',
      );
      elsewhere.on('error', () => {});
      expect(elsewhere.host).toBe('cognito-idp.us-east-1.amazonaws.com');
      expect(elsewhere.protocol).toBe('https:');
      elsewhere.destroy();
    } finally {
      stop();
    }
    expect(https.request).toBe(original);
  });

  it.each([
    [
      { endpoint: 'http://pool.example.com:9229', userPoolId: 'xx-local-1_CustomAuth' },
      /on this machine/,
    ],
    [
      { endpoint: 'http://127.0.0.1:9229', userPoolId: 'local_CustomAuth' },
      /a pool id in xx-local-1/,
    ],
    // A deployed pool's id: its keys are Cognito's to give, whatever runs on this machine.
    [{ endpoint: 'http://127.0.0.1:9229', userPoolId: 'us-east-1_AbC123xyZ' }, /no deployed pool/],
  ])('refuses %j, through https.request or fetch', (options, message) => {
    expect(() => redirectCognitoJwks(options)).toThrow(message);
    expect(() => redirectCognitoJwksFetch(options)).toThrow(message);
  });

  it('runs in a production build too, where it can only ever vouch for a local pool', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    const stop = redirectCognitoJwks({
      endpoint: 'http://127.0.0.1:9229',
      userPoolId: 'xx-local-1_CustomAuth',
    });
    try {
      const deployed = https.request(
        'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123xyZ/.well-known/jwks.json',
      );
      deployed.on('error', () => {});
      expect(deployed.host).toBe('cognito-idp.us-east-1.amazonaws.com');
      deployed.destroy();
    } finally {
      stop();
      vi.unstubAllEnvs();
    }
  });
});

describe('the keys redirected through fetch, as middleware on the edge runtime needs them', () => {
  it("answers the request for the pool's keys at Cognito with the pool's, and only that one", async () => {
    const pool = await start({ flow: 'passwordless', cognitoIssuer: true });
    const poolKeys = `${pool.endpoint}/${pool.userPoolId}/.well-known/jwks.json`;
    const keys = await (await fetch(poolKeys)).json();
    const real = globalThis.fetch;
    const asked: string[] = [];
    // What reaches the fetch underneath: the pool's address, or an answer of its own for any other.
    const underneath: typeof fetch = (input, init) => {
      const href = input instanceof Request ? input.url : String(input);
      asked.push(href);
      return href.startsWith(pool.endpoint)
        ? real(input, init)
        : Promise.resolve(new Response('{}'));
    };
    globalThis.fetch = underneath;
    try {
      const stop = redirectCognitoJwksFetch({
        endpoint: pool.endpoint,
        userPoolId: pool.userPoolId,
      });
      const cognito = `https://cognito-idp.xx-local-1.amazonaws.com/${pool.userPoolId}/.well-known/jwks.json`;
      for (const input of [cognito, new URL(cognito), new Request(cognito)]) {
        expect(await (await fetch(input)).json()).toEqual(keys);
      }
      const deployed =
        'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123xyZ/.well-known/jwks.json';
      await fetch(deployed);
      expect(asked).toEqual([poolKeys, poolKeys, poolKeys, deployed]);
      stop();
      expect(globalThis.fetch).toBe(underneath);
    } finally {
      globalThis.fetch = real;
    }
  });
});
