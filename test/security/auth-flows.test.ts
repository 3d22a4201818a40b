import {
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ListUserPoolClientsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { parseCliOptions } from '../../src/local-pool/cli/options.ts';
import type { LocalPool } from '../../src/local-pool/index.ts';
import { sdkFor } from '../support/aws-sdk.ts';
import {
  cognitoPost,
  poolsForEachTest,
  registerOverHttp,
  signInOverHttp,
} from '../support/local-pool.ts';
import { srpSignIn } from '../support/srp-over-http.ts';

const start = poolsForEachTest();

const password = 'Correct-Horse-1';
const initiate = (pool: LocalPool, AuthFlow: string, AuthParameters: Record<string, string>) =>
  cognitoPost(pool, 'InitiateAuth', { ClientId: pool.userPoolClientId, AuthFlow, AuthParameters });

describe('explicit auth flows', () => {
  it('refuses USER_SRP_AUTH by default, so a password alone never gets past passwordThenCode', async () => {
    const pool = await start({ flow: 'passwordThenCode' });
    await registerOverHttp(pool, 'amy', password);
    const { started, answered } = await srpSignIn(pool, {
      authFlow: 'USER_SRP_AUTH',
      username: 'amy',
      password,
    });
    expect(answered).toBeUndefined();
    expect(started).toEqual({
      status: 400,
      body: {
        __type: 'InvalidParameterException',
        message: 'USER_SRP_AUTH flow not enabled for this client',
      },
    });
    expect(pool.explicitAuthFlows).toEqual(['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
    // The kit's own sign-in (CUSTOM_WITH_SRP) still works, and asks for a code after the password.
    const custom = await srpSignIn(pool, { authFlow: 'CUSTOM_AUTH', username: 'amy', password });
    expect(custom.answered?.body).toMatchObject({ ChallengeName: 'CUSTOM_CHALLENGE' });
    expect(custom.answered?.body).not.toHaveProperty('AuthenticationResult');
  });

  it('serves USER_SRP_AUTH only when the client enables it, and then skips the code as Cognito does', async () => {
    const pool = await start({
      flow: 'passwordThenCode',
      explicitAuthFlows: ['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH'],
    });
    await registerOverHttp(pool, 'bob', password);
    const { answered } = await srpSignIn(pool, {
      authFlow: 'USER_SRP_AUTH',
      username: 'bob',
      password,
    });
    expect(answered?.body.AuthenticationResult).toHaveProperty('AccessToken');
  });

  it('refuses CUSTOM_AUTH on a client without ALLOW_CUSTOM_AUTH', async () => {
    const pool = await start({ explicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'] });
    expect((await initiate(pool, 'CUSTOM_AUTH', { USERNAME: 'x' })).body).toEqual({
      __type: 'InvalidParameterException',
      message: 'CUSTOM_AUTH flow not enabled for this client',
    });
  });

  it('refuses every refresh on a client without ALLOW_REFRESH_TOKEN_AUTH', async () => {
    const pool = await start({ explicitAuthFlows: ['ALLOW_CUSTOM_AUTH'] });
    await registerOverHttp(pool, 'cat');
    const tokens = await signInOverHttp(pool, 'cat');
    expect(tokens?.RefreshToken).toBeTruthy();
    const refused = {
      __type: 'InvalidParameterException',
      message: 'REFRESH_TOKEN_AUTH flow not enabled for this client',
    };
    for (const flow of ['REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN']) {
      const response = await initiate(pool, flow, { REFRESH_TOKEN: tokens?.RefreshToken ?? '' });
      expect(response.body).toEqual(refused);
    }
    const viaTokens = await cognitoPost(pool, 'GetTokensFromRefreshToken', {
      ClientId: pool.userPoolClientId,
      RefreshToken: tokens?.RefreshToken,
    });
    expect(viaTokens.body).toEqual(refused);
  });

  it('serves USER_PASSWORD_AUTH only when enabled, and checks the password', async () => {
    const closed = await start();
    expect(
      (await initiate(closed, 'USER_PASSWORD_AUTH', { USERNAME: 'x', PASSWORD: 'y' })).body,
    ).toEqual({
      __type: 'InvalidParameterException',
      message: 'USER_PASSWORD_AUTH flow not enabled for this client',
    });
    const open = await start({
      explicitAuthFlows: [
        'ALLOW_CUSTOM_AUTH',
        'ALLOW_REFRESH_TOKEN_AUTH',
        'ALLOW_USER_PASSWORD_AUTH',
      ],
    });
    await registerOverHttp(open, 'dan', password);
    const right = await initiate(open, 'USER_PASSWORD_AUTH', {
      USERNAME: 'dan',
      PASSWORD: password,
    });
    expect(right.body.AuthenticationResult).toHaveProperty('AccessToken');
    for (const [USERNAME, PASSWORD] of [
      ['dan', `${password}x`],
      ['nobody', password],
    ] as const) {
      const wrong = await initiate(open, 'USER_PASSWORD_AUTH', { USERNAME, PASSWORD });
      expect(wrong.body).toEqual({
        __type: 'NotAuthorizedException',
        message: 'Incorrect username or password.',
      });
    }
  });

  it('answers an AuthFlow outside the enum and the admin flows as Cognito does', async () => {
    const pool = await start();
    expect((await initiate(pool, 'MAGIC_AUTH', { USERNAME: 'x' })).body).toEqual({
      __type: 'InvalidParameterException',
      message:
        "1 validation error detected: Value 'MAGIC_AUTH' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: [USER_SRP_AUTH, REFRESH_TOKEN_AUTH, REFRESH_TOKEN, CUSTOM_AUTH, ADMIN_NO_SRP_AUTH, USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH, USER_AUTH]",
    });
    for (const flow of ['ADMIN_NO_SRP_AUTH', 'ADMIN_USER_PASSWORD_AUTH']) {
      expect((await initiate(pool, flow, { USERNAME: 'x' })).body).toEqual({
        __type: 'InvalidParameterException',
        message: 'Initiate Auth method not supported.',
      });
    }
  });

  it('holds each app client to its own flows, every client signing in the same users', async () => {
    const pool = await start({
      extraClients: [{ clientId: 'backoffice1', explicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] }],
    });
    await registerOverHttp(pool, 'eve', password);
    const through = (ClientId: string) =>
      cognitoPost(pool, 'InitiateAuth', {
        ClientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'eve', PASSWORD: password },
      });
    expect((await through(pool.userPoolClientId)).body).toMatchObject({
      __type: 'InvalidParameterException',
    });
    expect((await through('backoffice1')).body.AuthenticationResult).toHaveProperty('AccessToken');
    expect((await through('nosuch1')).body).toEqual({
      __type: 'ResourceNotFoundException',
      message: 'User pool client nosuch1 does not exist.',
    });
    await expect(
      start({ extraClients: [{ clientId: pool.userPoolClientId, explicitAuthFlows: [] }] }),
    ).rejects.toThrow(/Two app clients have the id/);
  });

  it('takes the flows from --auth-flows and refuses a bad name clearly', () => {
    expect(
      parseCliOptions(['--auth-flows', 'ALLOW_CUSTOM_AUTH,ALLOW_USER_SRP_AUTH']),
    ).toMatchObject({ explicitAuthFlows: ['ALLOW_CUSTOM_AUTH', 'ALLOW_USER_SRP_AUTH'] });
    expect(() => parseCliOptions(['--auth-flows', 'ALLOW_CUSTOM_AUTH,ALLOW_MAGIC'])).toThrow(
      /--auth-flows: Unknown explicit auth flow "ALLOW_MAGIC"; expected some of ALLOW_CUSTOM_AUTH/,
    );
    expect(() => parseCliOptions(['--auth-flows', 'CUSTOM_AUTH_FLOW_ONLY'])).toThrow(
      /legacy explicit auth flow/,
    );
  });
});

describe('DescribeUserPool, DescribeUserPoolClient and ListUserPoolClients', () => {
  it('describe the pool and client through the AWS SDK, as the API reference shapes them', async () => {
    const pool = await start({ sessionValiditySeconds: 300 });
    const sdk = sdkFor(pool);
    const { UserPool } = await sdk.send(
      new DescribeUserPoolCommand({ UserPoolId: pool.userPoolId }),
    );
    expect(UserPool).toMatchObject({
      Id: 'local_CustomAuth',
      Name: 'CustomAuth',
      Arn: 'arn:aws:cognito-idp:local:000000000000:userpool/local_CustomAuth',
      LambdaConfig: {
        DefineAuthChallenge:
          'arn:aws:lambda:local:000000000000:function:local-define-auth-challenge',
        CreateAuthChallenge:
          'arn:aws:lambda:local:000000000000:function:local-create-auth-challenge',
        VerifyAuthChallengeResponse:
          'arn:aws:lambda:local:000000000000:function:local-verify-auth-challenge-response',
      },
      Policies: { PasswordPolicy: { MinimumLength: 8 } },
      UsernameConfiguration: { CaseSensitive: false },
    });
    expect(UserPool?.CreationDate).toBeInstanceOf(Date);
    const { UserPoolClient } = await sdk.send(
      new DescribeUserPoolClientCommand({
        UserPoolId: pool.userPoolId,
        ClientId: pool.userPoolClientId,
      }),
    );
    expect(UserPoolClient).toMatchObject({
      UserPoolId: pool.userPoolId,
      ClientId: pool.userPoolClientId,
      ExplicitAuthFlows: ['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      PreventUserExistenceErrors: 'ENABLED',
      AuthSessionValidity: 5,
      RefreshTokenValidity: 30,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
      EnableTokenRevocation: true,
    });
    sdk.destroy();
  });

  it('list every app client a page at a time, as ListUserPoolClients does', async () => {
    const pool = await start({
      extraClients: [
        { clientId: 'second2', clientName: 'admin', explicitAuthFlows: ['ALLOW_USER_AUTH'] },
        { clientId: 'third3', explicitAuthFlows: ['ALLOW_CUSTOM_AUTH'] },
      ],
    });
    const sdk = sdkFor(pool);
    const UserPoolId = pool.userPoolId;
    const first = await sdk.send(new ListUserPoolClientsCommand({ UserPoolId, MaxResults: 2 }));
    expect(first.UserPoolClients).toEqual([
      { ClientId: pool.userPoolClientId, UserPoolId, ClientName: 'local-custom-auth' },
      { ClientId: 'second2', UserPoolId, ClientName: 'admin' },
    ]);
    expect(first.NextToken).toEqual(expect.any(String));
    const rest = await sdk.send(
      new ListUserPoolClientsCommand({ UserPoolId, MaxResults: 2, NextToken: first.NextToken }),
    );
    expect(rest.UserPoolClients).toEqual([
      { ClientId: 'third3', UserPoolId, ClientName: 'local-client-3' },
    ]);
    expect(rest.NextToken).toBeUndefined();
    expect(
      (await sdk.send(new ListUserPoolClientsCommand({ UserPoolId }))).UserPoolClients,
    ).toHaveLength(3);
    const second = await sdk.send(
      new DescribeUserPoolClientCommand({ UserPoolId, ClientId: 'second2' }),
    );
    expect(second.UserPoolClient).toMatchObject({
      ClientName: 'admin',
      ExplicitAuthFlows: ['ALLOW_USER_AUTH'],
    });
    await expect(
      sdk.send(new ListUserPoolClientsCommand({ UserPoolId: 'local_Nope' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'User pool local_Nope does not exist.',
    });
    for (const [MaxResults, bound] of [
      [0, 'greater than or equal to 1'],
      [61, 'less than or equal to 60'],
    ] as const) {
      await expect(
        sdk.send(new ListUserPoolClientsCommand({ UserPoolId, MaxResults })),
      ).rejects.toMatchObject({
        name: 'InvalidParameterException',
        message: `1 validation error detected: Value '${MaxResults}' at 'maxResults' failed to satisfy constraint: Member must have value ${bound}`,
      });
    }
    await expect(
      sdk.send(new ListUserPoolClientsCommand({ UserPoolId, NextToken: 'bogus' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    sdk.destroy();
  });

  it('answers ResourceNotFoundException in Cognito’s words for a wrong id', async () => {
    const pool = await start({ preventUserExistenceErrors: false });
    const sdk = sdkFor(pool);
    await expect(
      sdk.send(new DescribeUserPoolCommand({ UserPoolId: 'local_Nope' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'User pool local_Nope does not exist.',
    });
    await expect(
      sdk.send(
        new DescribeUserPoolClientCommand({ UserPoolId: pool.userPoolId, ClientId: 'nope' }),
      ),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'User pool client nope does not exist.',
    });
    const legacy = await sdk.send(
      new DescribeUserPoolClientCommand({
        UserPoolId: pool.userPoolId,
        ClientId: pool.userPoolClientId,
      }),
    );
    expect(legacy.UserPoolClient?.PreventUserExistenceErrors).toBe('LEGACY');
    sdk.destroy();
  });
});
