import { describe, expect, it } from 'vitest';
import { startLocalPool } from '../../src/local-pool/index.ts';
import { poolsForEachTest } from '../support/local-pool.ts';
import { cognitoPost, registerOverHttp, signInOverHttp } from '../support/pool-http.ts';

const start = poolsForEachTest();

const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as {
    iat: number;
    exp: number;
  };

describe('tokenValiditySeconds: how long access and ID tokens live', () => {
  it('is an hour unless told, reported as Cognito reports it', async () => {
    const pool = await start();
    await registerOverHttp(pool, 'una');
    const tokens = await signInOverHttp(pool, 'una');
    const { iat, exp } = claimsOf(tokens?.AccessToken ?? '');
    expect(exp - iat).toBe(3600);
    const described = await cognitoPost(pool, 'DescribeUserPoolClient', {
      UserPoolId: pool.userPoolId,
      ClientId: pool.userPoolClientId,
    });
    expect(described.body.UserPoolClient).toMatchObject({
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes' },
    });
  });

  it('lets a test see tokens expire, refused once expired, then refreshed', async () => {
    // Seconds are whole, so a token lives up to one second less: 3 leaves the fresh one 2.
    const pool = await start({ tokenValiditySeconds: 3 });
    await registerOverHttp(pool, 'vic');
    const tokens = await signInOverHttp(pool, 'vic');
    const result = { ...tokens, ...claimsOf(tokens?.IdToken ?? '') };
    expect(result.exp - result.iat).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 3_100));
    const stale = await cognitoPost(pool, 'GetUser', { AccessToken: tokens?.AccessToken });
    expect(stale).toMatchObject({
      status: 400,
      body: { __type: 'NotAuthorizedException', message: 'Access Token has expired' },
    });
    // An ID token in its place, out of time too, is no access token at all.
    expect(
      (await cognitoPost(pool, 'GetUser', { AccessToken: tokens?.IdToken })).body,
    ).toMatchObject({ __type: 'NotAuthorizedException', message: 'Invalid Access Token' });
    const refreshed = await cognitoPost(pool, 'InitiateAuth', {
      ClientId: pool.userPoolClientId,
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      AuthParameters: { REFRESH_TOKEN: tokens?.RefreshToken },
    });
    const fresh = refreshed.body.AuthenticationResult as { AccessToken: string; ExpiresIn: number };
    expect(fresh.ExpiresIn).toBe(3);
    expect((await cognitoPost(pool, 'GetUser', { AccessToken: fresh.AccessToken })).status).toBe(
      200,
    );
    const described = await cognitoPost(pool, 'DescribeUserPoolClient', {
      UserPoolId: pool.userPoolId,
      ClientId: pool.userPoolClientId,
    });
    expect(described.body.UserPoolClient).toMatchObject({
      AccessTokenValidity: 3,
      TokenValidityUnits: { AccessToken: 'seconds', IdToken: 'seconds' },
    });
  }, 15_000);

  it.each([0, 1.5, 86_401])('refuses %j clearly', async (tokenValiditySeconds) => {
    await expect(startLocalPool({ port: 0, log: () => {}, tokenValiditySeconds })).rejects.toThrow(
      `tokenValiditySeconds must be a whole number from 1 to 86400, not ${tokenValiditySeconds}.`,
    );
  });
});
