import { describe, expect, it } from 'vitest';
import { parseDoctorArgs } from '../../src/doctor/args.ts';
import {
  checkPoolForCustomAuth,
  type DescribedClient,
  type DescribedPool,
} from '../../src/doctor/checks.ts';

const arn = (name: string) => `arn:aws:lambda:eu-west-1:123456789012:function:${name}`;
const safePool: DescribedPool = {
  LambdaConfig: {
    DefineAuthChallenge: arn('define'),
    CreateAuthChallenge: arn('create'),
    VerifyAuthChallengeResponse: arn('verify'),
  },
  AutoVerifiedAttributes: ['email'],
  UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
  UsernameConfiguration: { CaseSensitive: false },
};
const safeClient: DescribedClient = {
  ClientId: 'app1',
  ClientName: 'web',
  ExplicitAuthFlows: ['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  PreventUserExistenceErrors: 'ENABLED',
  AuthSessionValidity: 3,
};

const problems = (
  pool: DescribedPool,
  client: DescribedClient,
  minutes?: number,
  otherClients?: DescribedClient[],
) =>
  checkPoolForCustomAuth(pool, client, { sessionValidityMinutes: minutes, otherClients })
    .filter((check) => !check.ok)
    .map((check) => check.title);

describe('the doctor checks', () => {
  it('passes a pool set up as the kit needs', () => {
    const checks = checkPoolForCustomAuth(safePool, safeClient);
    expect(checks.length).toBeGreaterThanOrEqual(9);
    expect(checks.every((check) => check.ok)).toBe(true);
  });

  it.each([
    'ALLOW_USER_SRP_AUTH',
    'ALLOW_USER_PASSWORD_AUTH',
    'ALLOW_USER_AUTH',
    'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  ])('names %s as a way around the challenges, with why and how to fix it', (flow) => {
    const checks = checkPoolForCustomAuth(safePool, {
      ...safeClient,
      ExplicitAuthFlows: [...(safeClient.ExplicitAuthFlows ?? []), flow],
    });
    const found = checks.filter((check) => !check.ok);
    expect(found).toHaveLength(1);
    expect(found[0]?.title).toBe(`App client app1 (web): ${flow} enabled`);
    expect(found[0]?.problem).toMatch(/password alone/);
    expect(found[0]?.fix).toMatch(/ALLOW_CUSTOM_AUTH and ALLOW_REFRESH_TOKEN_AUTH/);
  });

  it('flags the legacy password flows too', () => {
    expect(
      problems(safePool, {
        ...safeClient,
        ExplicitAuthFlows: ['CUSTOM_AUTH_FLOW_ONLY', 'ADMIN_NO_SRP_AUTH', 'USER_PASSWORD_AUTH'],
      }),
    ).toEqual(['App client app1 (web): ADMIN_NO_SRP_AUTH, USER_PASSWORD_AUTH enabled']);
  });

  it('reads an empty flow list as Cognito does: SRP on', () => {
    expect(problems(safePool, { ...safeClient, ExplicitAuthFlows: [] })).toEqual([
      'App client app1 (web): ALLOW_USER_SRP_AUTH enabled (Cognito enables it when the list is empty)',
    ]);
  });

  it('looks for password-only flows on every app client, naming each by id and name', () => {
    const admin: DescribedClient = {
      ClientId: 'admin2',
      ClientName: 'back office',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      PreventUserExistenceErrors: 'ENABLED',
    };
    const legacy: DescribedClient = {
      ClientId: 'old3',
      ExplicitAuthFlows: [],
      PreventUserExistenceErrors: 'ENABLED',
    };
    const checks = checkPoolForCustomAuth(safePool, safeClient, {
      otherClients: [
        admin,
        {
          ClientId: 'fine4',
          ExplicitAuthFlows: ['ALLOW_CUSTOM_AUTH'],
          PreventUserExistenceErrors: 'ENABLED',
        },
        legacy,
      ],
    });
    const found = checks.filter((check) => !check.ok);
    expect(found.map((check) => check.title)).toEqual([
      'App client admin2 (back office): ALLOW_USER_PASSWORD_AUTH enabled',
      'App client old3: ALLOW_USER_SRP_AUTH enabled (Cognito enables it when the list is empty)',
    ]);
    expect(found[0]?.problem).toMatch(/password alone/);
    expect(found[0]?.fix).toMatch(/public/);
  });

  it('holds only the app’s client to the kit’s flows and session lifetime', () => {
    const other: DescribedClient = {
      ClientId: 'other2',
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      PreventUserExistenceErrors: 'ENABLED',
      AuthSessionValidity: 15,
    };
    expect(problems(safePool, safeClient, undefined, [other])).toEqual([]);
    expect(checkPoolForCustomAuth(safePool, safeClient, { otherClients: [other] })[0]?.title).toBe(
      'No auth flow lets a password alone sign in (2 app clients)',
    );
  });

  it('flags a client the pool’s hosted sign-in pages serve with a password', () => {
    const hosted: DescribedClient = {
      ClientId: 'hosted2',
      ClientName: 'hosted',
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      AllowedOAuthFlowsUserPoolClient: true,
      SupportedIdentityProviders: ['COGNITO', 'Google'],
      PreventUserExistenceErrors: 'ENABLED',
    };
    const title = (domain: string) =>
      `App client hosted2 (hosted): hosted sign-in pages at ${domain} sign in with a password`;
    expect(problems({ ...safePool, Domain: 'myapp' }, safeClient, undefined, [hosted])).toEqual([
      title('myapp'),
    ]);
    expect(
      problems(
        { ...safePool, Domain: 'myapp', CustomDomain: 'auth.example.com' },
        {
          ...safeClient,
          ...hosted,
          ClientId: 'app1',
          ClientName: 'web',
          ExplicitAuthFlows: safeClient.ExplicitAuthFlows,
        },
      ),
    ).toEqual([
      'App client app1 (web): hosted sign-in pages at auth.example.com sign in with a password',
    ]);
    expect(problems(safePool, safeClient, undefined, [hosted])).toEqual([]);
    for (const safe of [
      { ...hosted, SupportedIdentityProviders: ['Google'] },
      { ...hosted, AllowedOAuthFlowsUserPoolClient: false },
    ]) {
      expect(problems({ ...safePool, Domain: 'myapp' }, safeClient, undefined, [safe])).toEqual([]);
    }
  });

  it('wants ALLOW_CUSTOM_AUTH and ALLOW_REFRESH_TOKEN_AUTH', () => {
    expect(
      problems(safePool, { ...safeClient, ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'] }),
    ).toEqual(['ALLOW_CUSTOM_AUTH is not enabled']);
    expect(problems(safePool, { ...safeClient, ExplicitAuthFlows: ['ALLOW_CUSTOM_AUTH'] })).toEqual(
      ['ALLOW_REFRESH_TOKEN_AUTH is not enabled'],
    );
  });

  it('names each challenge trigger that is not attached', () => {
    expect(problems({ ...safePool, LambdaConfig: undefined }, safeClient)).toEqual([
      'Define auth challenge trigger not attached',
      'Create auth challenge trigger not attached',
      'Verify auth challenge response trigger not attached',
    ]);
    expect(
      problems(
        { ...safePool, LambdaConfig: { ...safePool.LambdaConfig, CreateAuthChallenge: undefined } },
        safeClient,
      ),
    ).toEqual(['Create auth challenge trigger not attached']);
  });

  it('wants PreventUserExistenceErrors ENABLED', () => {
    expect(problems(safePool, { ...safeClient, PreventUserExistenceErrors: 'LEGACY' })).toEqual([
      'App client app1 (web): PreventUserExistenceErrors is LEGACY',
    ]);
    expect(problems(safePool, { ...safeClient, PreventUserExistenceErrors: undefined })).toEqual([
      'App client app1 (web): PreventUserExistenceErrors is not set',
    ]);
  });

  it('wants PreventUserExistenceErrors ENABLED on every app client, naming each offender', () => {
    const legacy: DescribedClient = {
      ClientId: 'legacy2',
      ClientName: 'old mobile app',
      ExplicitAuthFlows: ['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      PreventUserExistenceErrors: 'LEGACY',
    };
    const unset: DescribedClient = { ...legacy, ClientId: 'unset3', ClientName: undefined };
    const fine: DescribedClient = {
      ...legacy,
      ClientId: 'fine4',
      PreventUserExistenceErrors: 'ENABLED',
    };
    const checks = checkPoolForCustomAuth(safePool, safeClient, {
      otherClients: [legacy, fine, { ...unset, PreventUserExistenceErrors: undefined }],
    });
    const found = checks.filter((check) => !check.ok);
    expect(found.map((check) => check.title)).toEqual([
      'App client legacy2 (old mobile app): PreventUserExistenceErrors is LEGACY',
      'App client unset3: PreventUserExistenceErrors is not set',
    ]);
    expect(found[0]?.problem).toMatch(/which users exist/);
    expect(found[0]?.fix).toMatch(/public/);
    expect(
      checkPoolForCustomAuth(safePool, safeClient, { otherClients: [fine] }).map(
        (check) => check.title,
      ),
    ).toContain('PreventUserExistenceErrors is ENABLED (2 app clients)');
  });

  it('wants an email change verified before it takes effect, on every pool', () => {
    const checks = checkPoolForCustomAuth(
      { ...safePool, UserAttributeUpdateSettings: {} },
      safeClient,
    );
    const found = checks.filter((check) => !check.ok);
    expect(found.map((check) => check.title)).toEqual([
      'An email change takes effect before the new address is verified',
    ]);
    expect(found[0]?.problem).toMatch(/UpdateUserAttributes/);
    expect(found[0]?.problem).toMatch(/access token/);
    expect(found[0]?.fix).toMatch(/AttributesRequireVerificationBeforeUpdate/);
    expect(found[0]?.fix).toMatch(/AutoVerifiedAttributes/);
    // A pool that signs in by phone number still gets codes by email once a user adds one.
    const byPhone: DescribedPool = {
      ...safePool,
      UsernameAttributes: ['phone_number'],
      AutoVerifiedAttributes: ['phone_number'],
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['phone_number'] },
    };
    expect(problems(byPhone, safeClient)).toEqual([
      'An email change takes effect before the new address is verified',
    ]);
    expect(
      problems({ ...safePool, UserAttributeUpdateSettings: undefined }, safeClient),
    ).toHaveLength(1);
  });

  it.each([
    ['auto-verifies phone numbers', { AutoVerifiedAttributes: ['email', 'phone_number'] }],
    ['signs in with phone numbers', { UsernameAttributes: ['email', 'phone_number'] }],
    ['takes phone numbers as an alias', { AliasAttributes: ['phone_number'] }],
    [
      'requires a phone number',
      { SchemaAttributes: [{ Name: 'phone_number', AttributeDataType: 'String', Required: true }] },
    ],
  ])('wants a phone number change verified too when the pool %s', (_, uses) => {
    const pool: DescribedPool = { ...safePool, ...uses };
    expect(problems(pool, safeClient)).toEqual([
      'A phone_number change takes effect before the new number is verified',
    ]);
    const both = { AttributesRequireVerificationBeforeUpdate: ['email', 'phone_number'] };
    expect(problems({ ...pool, UserAttributeUpdateSettings: both }, safeClient)).toEqual([]);
    expect(problems({ ...pool, UserAttributeUpdateSettings: {} }, safeClient)).toEqual([
      'An email or phone_number change takes effect before the new value is verified',
    ]);
  });

  it('leaves phone numbers alone in a pool that only lists them among its standard attributes', () => {
    // Cognito's DescribeUserPool lists every standard attribute, phone_number included.
    const pool: DescribedPool = {
      ...safePool,
      SchemaAttributes: [
        { Name: 'email', AttributeDataType: 'String', Required: false },
        { Name: 'phone_number', AttributeDataType: 'String', Required: false },
      ],
    };
    expect(problems(pool, safeClient)).toEqual([]);
  });

  it('notes a case-sensitive pool without counting it as a problem', () => {
    const notes = (pool: DescribedPool) =>
      checkPoolForCustomAuth(pool, safeClient).filter((check) => check.notice !== undefined);
    expect(notes(safePool)).toEqual([]);
    expect(checkPoolForCustomAuth(safePool, safeClient).map((check) => check.title)).toContain(
      'Usernames are case-insensitive',
    );
    const sensitive = notes({ ...safePool, UsernameConfiguration: { CaseSensitive: true } });
    expect(sensitive).toHaveLength(1);
    expect(sensitive[0]).toMatchObject({ ok: true, title: 'Usernames are case-sensitive' });
    expect(sensitive[0]?.notice).toMatch(/sub/);
    expect(sensitive[0]?.notice).toMatch(/cannot be changed/);
    // Pools from before the setting existed report none, and are case-sensitive.
    const old = notes({ ...safePool, UsernameConfiguration: undefined });
    expect(old.map((check) => check.title)).toEqual([
      'Usernames are case-sensitive (the pool predates the setting)',
    ]);
    expect(problems({ ...safePool, UsernameConfiguration: undefined }, safeClient)).toEqual([]);
  });

  it('compares AuthSessionValidity with what the app expects, 3 minutes unless told', () => {
    expect(problems(safePool, { ...safeClient, AuthSessionValidity: 5 })).toEqual([
      'AuthSessionValidity is 5 minutes, not 3',
    ]);
    expect(problems(safePool, { ...safeClient, AuthSessionValidity: 5 }, 5)).toEqual([]);
    expect(problems(safePool, { ...safeClient, AuthSessionValidity: undefined })).toEqual([]);
  });
});

describe('the doctor arguments', () => {
  it('reads them, with the region from the pool id', () => {
    expect(parseDoctorArgs(['--user-pool-id', 'eu-west-1_Abc', '--client-id', 'x1'])).toEqual({
      source: 'pool',
      userPoolId: 'eu-west-1_Abc',
      clientId: 'x1',
      region: 'eu-west-1',
      endpoint: undefined,
      sessionValidityMinutes: 3,
      passkeyChallengeUrl: undefined,
      passkeyManagementUrl: undefined,
      passkeyOrigins: [],
    });
  });

  it('reads a template instead, with an optional app client', () => {
    expect(parseDoctorArgs(['--template', 'cdk.out/A.template.json'])).toMatchObject({
      source: 'template',
      template: 'cdk.out/A.template.json',
      clientId: undefined,
    });
  });

  it.each([
    [[], /--user-pool-id is required/],
    [['--template', ' '], /--template needs the path/],
    [['--template', 't.json', '--endpoint', 'http://127.0.0.1:1'], /leave out --user-pool-id/],
    [['--user-pool-id', 'nounderscore', '--client-id', 'x'], /looks like <region>_<id>/],
    [['--user-pool-id', 'eu-west-1_A'], /--client-id is required/],
    [['--user-pool-id', 'eu-west-1_A', '--client-id', 'x', '--endpoint', 'ftp://x'], /http/],
    [['--user-pool-id', 'eu-west-1_A', '--client-id', 'x', '--session-validity', '2'], /3 to 15/],
    [['--bogus'], /Unknown option/],
  ])('refuses %j clearly', (argv, message) => {
    expect(() => parseDoctorArgs(argv)).toThrow(message);
  });
});
