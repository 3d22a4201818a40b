import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startLocalPool } from '../../src/local-pool/index.ts';
import { cognitoPost, registerOverHttp, signInOverHttp } from '../support/local-pool.ts';

const operations = [
  'SignUp',
  'ConfirmSignUp',
  'ResendConfirmationCode',
  'InitiateAuth',
  'RespondToAuthChallenge',
  'GetTokensFromRefreshToken',
  'GetUser',
  'GlobalSignOut',
  'RevokeToken',
  'AdminUpdateUserAttributes',
];

async function withPool<T>(run: (pool: Awaited<ReturnType<typeof startLocalPool>>) => Promise<T>) {
  const pool = await startLocalPool({ port: 0, log: () => {} });
  try {
    return await run(pool);
  } finally {
    await pool.close();
  }
}

async function signInWorks(pool: Awaited<ReturnType<typeof startLocalPool>>, username: string) {
  await registerOverHttp(pool, username);
  return signInOverHttp(pool, username);
}

describe('the local pool facing bad input', () => {
  it.each([
    [
      'an unknown target',
      'UnknownOperationException',
      'x',
      { target: 'AWSCognitoIdentityProviderService.DeleteEverything' },
    ],
    ['no target', 'UnknownOperationException', 'x', { target: '' }],
    ['invalid JSON', 'SerializationException', 'SignUp', { rawBody: '{"ClientId": ' }],
    ['a JSON array', 'SerializationException', 'SignUp', { rawBody: '[1,2]' }],
    ['a JSON string', 'SerializationException', 'InitiateAuth', { rawBody: '"hello"' }],
  ])('answers %s with 400 %s', async (_, type, operation, init) => {
    await withPool(async (pool) => {
      const response = await cognitoPost(pool, operation, undefined, init);
      expect(response).toMatchObject({
        status: 400,
        body: { __type: type, message: expect.any(String) },
      });
    });
  });

  it('answers missing, mistyped and unknown fields with Cognito-shaped errors', async () => {
    await withPool(async (pool) => {
      const ClientId = pool.userPoolClientId;
      const cases: Array<[string, unknown, string]> = [
        ['SignUp', {}, 'InvalidParameterException'],
        ['SignUp', { ClientId: 'nope', Username: 'a', Password: 'x' }, 'ResourceNotFoundException'],
        [
          'SignUp',
          { ClientId, Username: 42, Password: 'Correct-Horse-1' },
          'InvalidParameterException',
        ],
        [
          'SignUp',
          { ClientId, Username: 'has space', Password: 'Correct-Horse-1' },
          'InvalidParameterException',
        ],
        [
          'SignUp',
          { ClientId, Username: 'weak', Password: 'weak', UserAttributes: [] },
          'InvalidPasswordException',
        ],
        [
          'SignUp',
          { ClientId, Username: 'x', Password: 'Correct-Horse-1', UserAttributes: 'email' },
          'InvalidParameterException',
        ],
        [
          'SignUp',
          { ClientId, Username: 'x', Password: 'Correct-Horse-1' },
          'InvalidParameterException',
        ],
        ['InitiateAuth', { ClientId, AuthFlow: 'CUSTOM_AUTH' }, 'InvalidParameterException'],
        [
          'InitiateAuth',
          { ClientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: 7 } },
          'InvalidParameterException',
        ],
        [
          'InitiateAuth',
          { ClientId, AuthFlow: 'ADMIN_NO_SRP_AUTH', AuthParameters: { USERNAME: 'a' } },
          'InvalidParameterException',
        ],
        [
          'InitiateAuth',
          { ClientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'a' } },
          'InvalidParameterException',
        ],
        [
          'RespondToAuthChallenge',
          {
            ClientId,
            ChallengeName: 'CUSTOM_CHALLENGE',
            Session: 'forged',
            ChallengeResponses: { USERNAME: 'a', ANSWER: '1' },
          },
          'NotAuthorizedException',
        ],
        [
          'RespondToAuthChallenge',
          { ClientId, ChallengeName: 'CUSTOM_CHALLENGE', Session: 'forged' },
          'InvalidParameterException',
        ],
        [
          'GetTokensFromRefreshToken',
          { ClientId, RefreshToken: 'forged' },
          'NotAuthorizedException',
        ],
        ['GetUser', { AccessToken: 'not.a.jwt' }, 'NotAuthorizedException'],
        ['GlobalSignOut', {}, 'InvalidParameterException'],
        ['AdminUpdateUserAttributes', { Username: 'x' }, 'InvalidParameterException'],
        [
          'AdminUpdateUserAttributes',
          { UserPoolId: 'eu-west-1_Other', Username: 'x', UserAttributes: [] },
          'ResourceNotFoundException',
        ],
        [
          'AdminUpdateUserAttributes',
          { UserPoolId: pool.userPoolId, Username: 'ghost', UserAttributes: [] },
          'UserNotFoundException',
        ],
        [
          'ConfirmSignUp',
          { ClientId, Username: 'ghost', ConfirmationCode: '123456' },
          'CodeMismatchException',
        ],
      ];
      for (const [operation, body, type] of cases) {
        const response = await cognitoPost(pool, operation, body);
        expect({ operation, request: body, ...response }).toMatchObject({
          status: 400,
          body: { __type: type },
        });
      }
    });
  });

  it('refuses a body over 1 MiB and keeps serving', async () => {
    await withPool(async (pool) => {
      const huge = JSON.stringify({
        ClientId: pool.userPoolClientId,
        Username: 'x'.repeat(1_100_000),
      });
      const response = await cognitoPost(pool, 'SignUp', undefined, { rawBody: huge });
      expect(response).toMatchObject({
        status: 400,
        body: { __type: 'InvalidParameterException' },
      });
      expect(await signInWorks(pool, 'after-huge')).toBeDefined();
    });
  });

  it('survives random bodies for every operation, then completes a sign-in', async () => {
    await withPool(async (pool) => {
      const jsonish = fc.oneof(
        fc.jsonValue(),
        fc.dictionary(
          fc.constantFrom(
            'ClientId',
            'Username',
            'Password',
            'AuthFlow',
            'AuthParameters',
            'Session',
            'ChallengeName',
            'ChallengeResponses',
            'AccessToken',
            'RefreshToken',
            'Token',
            'ConfirmationCode',
            'UserAttributes',
          ),
          fc.oneof(fc.jsonValue(), fc.constant(pool.userPoolClientId), fc.constant('CUSTOM_AUTH')),
        ),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...operations),
          jsonish,
          fc.boolean(),
          async (operation, body, garble) => {
            const rawBody = garble ? JSON.stringify(body).slice(0, -1) : JSON.stringify(body);
            const response = await cognitoPost(pool, operation, undefined, {
              rawBody: rawBody ?? 'null',
            });
            expect(response.status === 200 || typeof response.body.__type === 'string').toBe(true);
            expect(response.status).toBeLessThan(500);
          },
        ),
        { numRuns: 300 },
      );
      expect(await signInWorks(pool, 'after-fuzz')).toMatchObject({
        TokenType: 'Bearer',
      });
    });
  }, 60_000);

  it('shows codes only to pages served from this machine', async () => {
    await withPool(async (pool) => {
      const from = async (origin: string) =>
        (await fetch(`${pool.endpoint}/_local/outbox`, { headers: { origin } })).headers.get(
          'access-control-allow-origin',
        );
      expect(await from('http://127.0.0.1:5173')).toBe('http://127.0.0.1:5173');
      expect(await from('http://localhost:6006')).toBe('http://localhost:6006');
      expect(await from('https://evil.example')).toBeNull();
      const api = await fetch(pool.endpoint, {
        method: 'OPTIONS',
        headers: { origin: 'https://app.example' },
      });
      expect(api.headers.get('access-control-allow-origin')).toBe('https://app.example');
    });
  });

  it('answers CORS preflights for the headers Amplify sends', async () => {
    await withPool(async (pool) => {
      const response = await fetch(pool.endpoint, {
        method: 'OPTIONS',
        headers: {
          origin: 'http://127.0.0.1:5173',
          'access-control-request-method': 'POST',
          'access-control-request-headers':
            'content-type,x-amz-target,x-amz-user-agent,amz-sdk-invocation-id,amz-sdk-request,cache-control',
        },
      });
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
      expect(response.headers.get('access-control-allow-headers')).toContain(
        'amz-sdk-invocation-id',
      );
      expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    });
  });

  it('fails the next requests on demand, with a status or a dropped connection, then recovers', async () => {
    await withPool(async (pool) => {
      const faults = await fetch(`${pool.endpoint}/_local/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ count: 1, status: 503 }),
      });
      expect(faults.status).toBe(200);
      const failed = await cognitoPost(pool, 'GetUser', { AccessToken: 'x' });
      expect(failed.status).toBe(503);
      pool.failNext({ count: 1, drop: true });
      await expect(cognitoPost(pool, 'GetUser', { AccessToken: 'x' })).rejects.toThrow();
      for (const body of [JSON.stringify({ count: -1 }), 'null', '{']) {
        const refused = await fetch(`${pool.endpoint}/_local/faults`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        expect(refused.status).toBe(400);
      }
      expect(await signInWorks(pool, 'after-faults')).toBeDefined();
    });
  });
});
