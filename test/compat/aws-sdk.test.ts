import {
  GetUserCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  RevokeTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import type { LocalPool } from '../../src/local-pool/index.ts';
import { sdkFor } from '../support/aws-sdk.ts';
import { latestCode, poolsForEachTest, registerOverHttp } from '../support/local-pool.ts';

const start = poolsForEachTest();

/** A registered user's passwordless sign-in through the SDK, at its first challenge. */
async function startSignIn(pool: LocalPool, username: string) {
  await registerOverHttp(pool, username);
  const client = sdkFor(pool);
  const ClientId = pool.userPoolClientId;
  const started = await client.send(
    new InitiateAuthCommand({
      ClientId,
      AuthFlow: 'CUSTOM_AUTH',
      AuthParameters: { USERNAME: username },
    }),
  );
  return { client, ClientId, started };
}

/** A user signed in passwordless through the SDK, with the tokens. */
async function signedIn(pool: LocalPool, username: string) {
  const { client, ClientId, started } = await startSignIn(pool, username);
  const done = await client.send(
    new RespondToAuthChallengeCommand({
      ClientId,
      ChallengeName: 'CUSTOM_CHALLENGE',
      Session: started.Session,
      ChallengeResponses: { USERNAME: username, ANSWER: latestCode(pool, username) },
    }),
  );
  return { client, ClientId, tokens: done.AuthenticationResult ?? {} };
}

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as Error & { $metadata: { httpStatusCode?: number; requestId?: string } };
  }
  throw new Error('expected a refusal');
}

describe('the pool through the AWS SDK v3 (@aws-sdk/client-cognito-identity-provider)', () => {
  it('signs in passwordless, and gives every answer a request id, refusals too', async () => {
    const pool = await start({ flow: 'passwordless' });
    const { client, ClientId, started } = await startSignIn(pool, 'sam');
    expect(started.ChallengeName).toBe('CUSTOM_CHALLENGE');
    expect(started.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);

    const missing = await refusal(
      client.send(
        new RespondToAuthChallengeCommand({
          ClientId,
          ChallengeName: 'CUSTOM_CHALLENGE',
          Session: started.Session,
          ChallengeResponses: { ANSWER: latestCode(pool, 'sam') },
        }),
      ),
    );
    expect(missing).toMatchObject({
      name: 'InvalidParameterException',
      message: 'Missing required parameter USERNAME',
      $metadata: { httpStatusCode: 400 },
    });
    expect(missing.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);

    // The refusal did not spend the session.
    const done = await client.send(
      new RespondToAuthChallengeCommand({
        ClientId,
        ChallengeName: 'CUSTOM_CHALLENGE',
        Session: started.Session,
        ChallengeResponses: { USERNAME: 'sam', ANSWER: latestCode(pool, 'sam') },
      }),
    );
    expect(done.AuthenticationResult?.AccessToken).toEqual(expect.any(String));
  });

  it('refuses an InitiateAuth without USERNAME in Cognito’s words', async () => {
    const pool = await start();
    const error = await refusal(
      sdkFor(pool).send(
        new InitiateAuthCommand({
          ClientId: pool.userPoolClientId,
          AuthFlow: 'CUSTOM_AUTH',
          AuthParameters: {},
        }),
      ),
    );
    expect(error).toMatchObject({
      name: 'InvalidParameterException',
      message: 'Missing required parameter USERNAME',
    });
  });
});

describe('GetUser through the AWS SDK v3', () => {
  it('reports whether the email address and phone number are verified, as Cognito does', async () => {
    const pool = await start({ flow: 'passwordless' });
    const { client, tokens } = await signedIn(pool, 'tess');
    const user = await client.send(new GetUserCommand({ AccessToken: tokens.AccessToken }));
    expect(user.UserAttributes).toEqual(
      expect.arrayContaining([
        { Name: 'email', Value: 'tess@example.com' },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'sub', Value: expect.any(String) },
      ]),
    );
  });
});

describe('RevokeToken through the AWS SDK v3', () => {
  it('revokes a refresh token, and refuses access and ID tokens, junk and other clients', async () => {
    const pool = await start({
      extraClients: [
        {
          clientId: 'other+client',
          explicitAuthFlows: ['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        },
      ],
    });
    const { client, ClientId, tokens } = await signedIn(pool, 'walt');
    const revoke = (Token: string | undefined, clientId = ClientId) =>
      client.send(new RevokeTokenCommand({ ClientId: clientId, Token }));

    for (const jwt of [tokens.AccessToken, tokens.IdToken]) {
      expect(await refusal(revoke(jwt))).toMatchObject({ name: 'UnsupportedTokenTypeException' });
    }
    expect(await refusal(revoke('not a token!'))).toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringContaining('regular expression pattern'),
    });
    expect(await refusal(revoke(tokens.RefreshToken, 'other+client'))).toMatchObject({
      name: 'UnauthorizedException',
    });

    await revoke(tokens.RefreshToken);
    const refreshed = await refusal(
      client.send(
        new InitiateAuthCommand({
          ClientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken ?? '' },
        }),
      ),
    );
    expect(refreshed).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Refresh Token has been revoked',
    });
    const junk = await refusal(
      client.send(
        new InitiateAuthCommand({
          ClientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: 'x'.repeat(64) },
        }),
      ),
    );
    expect(junk).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid Refresh Token',
    });
    // Revoking again finds nothing to do.
    await expect(revoke(tokens.RefreshToken)).resolves.toBeDefined();
  });
});
