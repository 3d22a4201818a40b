import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Duration, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { UserPool } from 'aws-cdk-lib/aws-cognito';
import { Code } from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleHandlers } from '../../scripts/bundle-handlers.mjs';
import { shippedHandlers } from '../../src/cdk/handler-code.ts';
import { CustomAuthBackend, type CustomAuthBackendProps } from '../../src/cdk/index.ts';

let bundle: string;

beforeAll(async () => {
  bundle = mkdtempSync(join(tmpdir(), 'cca-handlers-'));
  await bundleHandlers(bundle);
}, 60_000);

afterAll(() => rmSync(bundle, { recursive: true, force: true }));

const env = { account: '123456789012', region: 'eu-west-1' };

function synth(props: Omit<CustomAuthBackendProps, 'code'> = {}) {
  const app = new App();
  const stack = new Stack(app, 'Auth', { env });
  const backend = new CustomAuthBackend(stack, 'CustomAuth', {
    ...props,
    code: Code.fromAsset(bundle),
  });
  return { app, stack, backend, template: Template.fromStack(stack) };
}

/** The logical id of the one resource of `type` whose id starts with `prefix`. */
function logicalId(template: Template, type: string, prefix: string): string {
  const ids = Object.keys(template.findResources(type)).filter((id) => id.startsWith(prefix));
  expect(ids, `${type} ${prefix}*`).toHaveLength(1);
  return ids[0] as string;
}

/** Every IAM statement attached to the role of the trigger `prefix`. */
function statementsOf(template: Template, prefix: string) {
  const role = logicalId(template, 'AWS::IAM::Role', `CustomAuth${prefix}Role`);
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) =>
      (policy.Properties.Roles as Array<{ Ref: string }>).some((ref) => ref.Ref === role),
    )
    .flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement as Array<Record<string, unknown>>,
    );
}

const actionsOf = (statements: Array<Record<string, unknown>>) =>
  statements.flatMap((statement) => [statement.Action].flat() as string[]).sort();

describe('CustomAuthBackend', () => {
  it('with no props, builds a passwordless stack and warns that no sender is set', () => {
    const { stack, template } = synth();
    template.resourceCountIs('AWS::Cognito::UserPool', 1);
    template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    template.resourceCountIs('AWS::Lambda::Function', 3);
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.allResourcesProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ CUSTOM_AUTH_FLOW: 'passwordless' }) },
    });
    const warnings = Annotations.fromStack(stack).findWarning(
      '*',
      Match.stringLikeRegexp('No senderEmail'),
    );
    expect(warnings).toHaveLength(1);
  });

  it('creates a pool with safe defaults and all three triggers attached', () => {
    const { template } = synth({ senderEmail: 'no-reply@example.com' });
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      UsernameConfiguration: { CaseSensitive: false },
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
      AutoVerifiedAttributes: ['email'],
      LambdaConfig: {
        DefineAuthChallenge: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CustomAuthDefine'), 'Arn'] },
        CreateAuthChallenge: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CustomAuthCreate'), 'Arn'] },
        VerifyAuthChallengeResponse: {
          'Fn::GetAtt': [Match.stringLikeRegexp('^CustomAuthVerify'), 'Arn'],
        },
      },
    });
    // Cognito may call each function, and only from this pool.
    const pool = logicalId(template, 'AWS::Cognito::UserPool', 'CustomAuthUserPool');
    template.resourcePropertiesCountIs(
      'AWS::Lambda::Permission',
      {
        Action: 'lambda:InvokeFunction',
        Principal: 'cognito-idp.amazonaws.com',
        SourceArn: { 'Fn::GetAtt': [pool, 'Arn'] },
      },
      3,
    );
  });

  it('gives the app client the custom flow and refresh only, no hosted UI, no existence errors', () => {
    const { template } = synth({ senderEmail: 'no-reply@example.com' });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ExplicitAuthFlows: ['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      PreventUserExistenceErrors: 'ENABLED',
      AuthSessionValidity: 3,
      AllowedOAuthFlowsUserPoolClient: false,
      EnableTokenRevocation: true,
      GenerateSecret: false,
    });
    const client = Object.values(template.findResources('AWS::Cognito::UserPoolClient'))[0];
    expect(client?.Properties.AllowedOAuthFlows).toBeUndefined();
  });

  it('runs the triggers on Node.js 24 with their environment, logs and a 5 s timeout', () => {
    const { template } = synth({ flow: 'passwordThenCode', senderEmail: 'no-reply@example.com' });
    const table = logicalId(template, 'AWS::DynamoDB::Table', 'CustomAuthSignInLimits');
    for (const [prefix, handler] of [
      ['Define', 'index.defineAuthChallenge'],
      ['Create', 'index.createAuthChallenge'],
      ['Verify', 'index.verifyAuthChallengeResponse'],
    ] as const) {
      const id = logicalId(template, 'AWS::Lambda::Function', `CustomAuth${prefix}`);
      expect(template.findResources('AWS::Lambda::Function')[id]?.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Handler: handler,
        Timeout: 5,
        Architectures: ['arm64'],
        LoggingConfig: { LogGroup: { Ref: expect.stringMatching(`^CustomAuth${prefix}\\w*Logs`) } },
        Environment: {
          Variables: {
            CUSTOM_AUTH_FLOW: 'passwordThenCode',
            CUSTOM_AUTH_SENDER_EMAIL: 'no-reply@example.com',
            CUSTOM_AUTH_LIMITS_TABLE: { Ref: table },
          },
        },
      });
    }
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
  });

  it('keeps the limits on demand, with TTL on ttl and point-in-time recovery', () => {
    const { template } = synth();
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it('grants each trigger only what it does: Create sends as the sender, Create and Verify count', () => {
    const { template } = synth({ senderEmail: 'no-reply@example.com' });
    const logs = ['logs:CreateLogStream', 'logs:PutLogEvents'];
    const items = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'];
    expect(actionsOf(statementsOf(template, 'DefineAuthChallenge'))).toEqual(logs);
    expect(actionsOf(statementsOf(template, 'VerifyAuthChallengeResponse'))).toEqual(
      [...logs, ...items].sort(),
    );
    const create = statementsOf(template, 'CreateAuthChallenge');
    expect(actionsOf(create)).toEqual([...logs, ...items, 'ses:SendEmail'].sort());
    const send = create.find((statement) => statement.Action === 'ses:SendEmail');
    expect(send?.Condition).toEqual({
      StringEquals: { 'ses:FromAddress': 'no-reply@example.com' },
    });
    const identities = JSON.stringify(send?.Resource);
    expect(identities).toContain(':identity/no-reply@example.com');
    expect(identities).toContain(':identity/example.com');
    expect(identities).not.toContain('*');
    const table = logicalId(template, 'AWS::DynamoDB::Table', 'CustomAuthSignInLimits');
    const counting = create.find((statement) =>
      actionsOf([statement]).includes('dynamodb:GetItem'),
    );
    expect(counting?.Resource).toEqual([{ 'Fn::GetAtt': [table, 'Arn'] }]);
  });

  it('outputs what Amplify.configure needs', () => {
    const { template, backend, stack } = synth();
    const outputs = template.findOutputs('*');
    const names = Object.keys(outputs);
    for (const name of ['UserPoolId', 'UserPoolClientId', 'AmplifyConfig']) {
      expect(
        names.some((output) => output.includes(name)),
        name,
      ).toBe(true);
    }
    expect(stack.resolve(backend.amplifyConfig)).toEqual({
      Auth: {
        Cognito: {
          userPoolId: { Ref: logicalId(template, 'AWS::Cognito::UserPool', 'CustomAuthUserPool') },
          userPoolClientId: {
            Ref: logicalId(template, 'AWS::Cognito::UserPoolClient', 'CustomAuthUserPoolAppClient'),
          },
        },
      },
    });
  });

  it('attaches to a pool of the app instead of creating one', () => {
    const app = new App();
    const stack = new Stack(app, 'Auth', { env });
    const userPool = new UserPool(stack, 'Existing', { signInCaseSensitive: true });
    new CustomAuthBackend(stack, 'CustomAuth', { userPool, code: Code.fromAsset(bundle) });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Cognito::UserPool', 1);
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      UsernameConfiguration: { CaseSensitive: true },
      LambdaConfig: { DefineAuthChallenge: Match.anyValue() },
    });
  });

  it('refuses a pool imported by id, which cannot take triggers, saying so', () => {
    const app = new App();
    const stack = new Stack(app, 'Auth', { env });
    const userPool = UserPool.fromUserPoolId(stack, 'Imported', 'eu-west-1_AbC123');
    expect(
      () => new CustomAuthBackend(stack, 'CustomAuth', { userPool, code: Code.fromAsset(bundle) }),
    ).toThrow(/userPool must be a UserPool made in this app: CDK cannot attach triggers/);
  });

  it('takes another session validity and runtime', () => {
    const { template } = synth({ sessionValidity: Duration.minutes(10) });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', { AuthSessionValidity: 10 });
  });

  it('refuses a sender that is not one email address, saying so', () => {
    expect(() => synth({ senderEmail: 'example.com' })).toThrow(
      'senderEmail must be one email address, such as no-reply@example.com; got "example.com".',
    );
  });

  it('deploys a chain of steps, with a generated link-key secret only Create and Verify read', () => {
    const steps = [
      { type: 'code', codeLength: 8 },
      { type: 'magicLink', redirectUris: ['https://app.example.com/sign-in'] },
    ] as const;
    const { template, backend, stack } = synth({ steps, senderEmail: 'no-reply@example.com' });
    const secret = logicalId(template, 'AWS::SecretsManager::Secret', 'CustomAuthLinkKeys');
    expect(stack.resolve(backend.linkKeys?.secretArn)).toEqual({ Ref: secret });
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: {
        SecretStringTemplate: '{"id":"k1"}',
        GenerateStringKey: 'secret',
        PasswordLength: 64,
        ExcludePunctuation: true,
      },
    });
    // The value is generated at deploy: no key is written in the template.
    expect(JSON.stringify(template.toJSON())).not.toMatch(/"SecretString"/);
    template.allResourcesProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectEquals({
          CUSTOM_AUTH_STEPS: JSON.stringify(steps),
          CUSTOM_AUTH_LINK_KEYS_SECRET: { Ref: secret },
          CUSTOM_AUTH_SENDER_EMAIL: 'no-reply@example.com',
          CUSTOM_AUTH_LIMITS_TABLE: Match.anyValue(),
        }),
      },
    });
    const reads = (prefix: string) =>
      statementsOf(template, prefix).filter((statement) =>
        actionsOf([statement]).includes('secretsmanager:GetSecretValue'),
      );
    expect(reads('DefineAuthChallenge')).toEqual([]);
    for (const prefix of ['CreateAuthChallenge', 'VerifyAuthChallengeResponse']) {
      expect(reads(prefix).map((statement) => statement.Resource)).toEqual([{ Ref: secret }]);
    }
  });

  it('texts codes for a chain that sends by SMS: Create publishes to phones only, the pool verifies them', () => {
    const { template } = synth({ steps: [{ type: 'code', deliver: 'sms' }] });
    const publish = statementsOf(template, 'CreateAuthChallenge').filter((statement) =>
      actionsOf([statement]).includes('sns:Publish'),
    );
    // Every resource but a topic, in the stack's partition (aws-cn, aws-us-gov name theirs).
    expect(publish).toEqual([
      {
        Effect: 'Allow',
        Action: 'sns:Publish',
        NotResource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:*:*:*']] },
      },
    ]);
    expect(actionsOf(statementsOf(template, 'VerifyAuthChallengeResponse'))).not.toContain(
      'sns:Publish',
    );
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: Match.arrayWith([{ Name: 'phone_number', Required: true, Mutable: true }]),
      AutoVerifiedAttributes: ['email', 'phone_number'],
      UserAttributeUpdateSettings: {
        AttributesRequireVerificationBeforeUpdate: ['email', 'phone_number'],
      },
      SmsConfiguration: Match.objectLike({ ExternalId: Match.anyValue() }),
    });
    // Cognito texts the sign-up codes through a role only it may take, with the pool's id.
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { Service: 'cognito-idp.amazonaws.com' },
            Condition: { StringEquals: { 'sts:ExternalId': Match.anyValue() } },
          }),
        ],
      },
    });
  });

  it('lets users without a phone number in when they may choose email', () => {
    const { template } = synth({ steps: [{ type: 'code', deliver: 'choice' }] });
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: Match.arrayWith([{ Name: 'phone_number', Required: false, Mutable: true }]),
    });
    const email = synth({ steps: [{ type: 'code' }] }).template;
    const pool = Object.values(email.findResources('AWS::Cognito::UserPool'))[0];
    expect(JSON.stringify(pool?.Properties)).not.toContain('phone_number');
  });

  describe('with passkeys', () => {
    const passkeys = { rpId: 'example.com', origins: ['https://app.example.com'] };
    const steps = [{ type: 'code' }, { type: 'passkeyEnrollment' }] as const;

    it('serves the pages from two functions behind URLs, and keeps the table with the stack', () => {
      const { template, backend, stack } = synth({ steps, passkeys });
      const table = logicalId(template, 'AWS::DynamoDB::Table', 'CustomAuthSignInLimits');
      expect(template.findResources('AWS::DynamoDB::Table')[table]?.DeletionPolicy).toBe('Retain');
      template.resourceCountIs('AWS::Lambda::Function', 5);
      template.resourcePropertiesCountIs('AWS::Lambda::Url', { AuthType: 'NONE' }, 2);
      const url = (id: string) =>
        Object.values(template.findResources('AWS::Lambda::Url')).find((resource) =>
          JSON.stringify(resource.Properties.TargetFunctionArn).includes(id),
        )?.Properties;
      // CORS is the handlers' own, for the listed origins only.
      expect(url('CustomAuthPasskeyChallenge')?.Cors).toBeUndefined();
      expect(url('CustomAuthPasskeyManagement')?.Cors).toBeUndefined();
      const challenge = logicalId(template, 'AWS::Lambda::Function', 'CustomAuthPasskeyChallenge');
      const management = logicalId(
        template,
        'AWS::Lambda::Function',
        'CustomAuthPasskeyManagement',
      );
      const pool = logicalId(template, 'AWS::Cognito::UserPool', 'CustomAuthUserPool');
      const functions = template.findResources('AWS::Lambda::Function');
      expect(functions[challenge]?.Properties).toMatchObject({
        Handler: 'index.passkeyChallenge',
        Environment: {
          Variables: {
            CUSTOM_AUTH_PASSKEYS: JSON.stringify(passkeys),
            CUSTOM_AUTH_LIMITS_TABLE: { Ref: table },
          },
        },
      });
      expect(functions[management]?.Properties).toMatchObject({
        Handler: 'index.passkeyManagement',
        Timeout: 10,
        Environment: { Variables: { CUSTOM_AUTH_USER_POOL_ID: { Ref: pool } } },
      });
      expect(stack.resolve(backend.passkeyFunctions?.challengeUrl)).toEqual({
        'Fn::GetAtt': [
          expect.stringMatching(/^CustomAuthPasskeyChallengeFunctionUrl/),
          'FunctionUrl',
        ],
      });
      const outputs = Object.keys(template.findOutputs('*'));
      expect(outputs.some((name) => name.includes('PasskeyChallengeUrl'))).toBe(true);
      expect(outputs.some((name) => name.includes('PasskeyManagementUrl'))).toBe(true);
    });

    it('grants each function the items it touches, the challenge function a write alone', () => {
      const { template } = synth({ steps, passkeys });
      const logs = ['logs:CreateLogStream', 'logs:PutLogEvents'];
      const items = [
        'dynamodb:BatchGetItem',
        'dynamodb:DeleteItem',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
      ];
      expect(actionsOf(statementsOf(template, 'PasskeyChallenge'))).toEqual(
        [...logs, 'dynamodb:PutItem'].sort(),
      );
      for (const prefix of ['PasskeyManagement', 'VerifyAuthChallengeResponse']) {
        expect(actionsOf(statementsOf(template, prefix))).toEqual([...logs, ...items].sort());
      }
      // Define writes the step-up a finished sign-in earns, and nothing else.
      expect(actionsOf(statementsOf(template, 'DefineAuthChallenge'))).toEqual(
        [...logs, 'dynamodb:PutItem'].sort(),
      );
      // The functions outside the sign-in reach only passkey items: no counter, no secret.
      const under = (prefix: string) =>
        statementsOf(template, prefix)
          .filter((statement) =>
            actionsOf([statement]).some((action) => action.startsWith('dynamodb:')),
          )
          .map((statement) => statement.Condition);
      const leading = (...keys: string[]) => ({
        'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': keys },
      });
      expect(under('DefineAuthChallenge')).toEqual([leading('stepUp#*')]);
      expect(under('PasskeyChallenge')).toEqual([leading('passkeyChallenge#*')]);
      expect(under('PasskeyManagement')).toEqual([leading('passkey#*', 'passkeys#*', 'stepUp#*')]);
      template.allResourcesProperties('AWS::Lambda::Function', {
        Environment: {
          Variables: Match.objectLike({ CUSTOM_AUTH_PASSKEYS: JSON.stringify(passkeys) }),
        },
      });
    });

    it.each([
      [
        { steps: [{ type: 'code' }, { type: 'passkeyEnrollment' }] },
        'A passkeyEnrollment step needs the passkey settings',
      ],
      [{ steps: [{ type: 'code' }], passkeys }, 'passkeys are set, but no step uses them'],
      [{ steps, passkeys: { ...passkeys, rpId: '10.0.0.1' } }, 'rpId must be a domain name'],
      [
        { steps, passkeys: { ...passkeys, origins: ['https://elsewhere.example.net'] } },
        'Each of origins must be an origin under the RP ID example.com',
      ],
      [{ steps, passkeys: { ...passkeys, rpid: 'example.com' } }, 'passkeys has no setting rpid'],
      [
        { steps: [{ type: 'passkeyEnrollment' }], passkeys },
        'must come after a step that proves a factor',
      ],
    ])('refuses at synth what no passkey could work with: %j', (props, message) => {
      expect(() => synth(props as CustomAuthBackendProps)).toThrow(message);
    });
  });

  it('makes no secret for a chain without links', () => {
    const { template, backend } = synth({ steps: [{ type: 'password' }, { type: 'code' }] });
    template.resourceCountIs('AWS::SecretsManager::Secret', 0);
    expect(backend.linkKeys).toBeUndefined();
  });

  it.each([
    [{ flow: 'passwordless', steps: [{ type: 'code' }] }, 'Give flow or steps, not both'],
    [{ steps: [] }, 'steps must list at least one step'],
    [{ steps: [{ type: 'code', length: 8 }] }, 'steps[0] (code) has no option length'],
    [
      { steps: [{ type: 'magicLink', redirectUris: ['http://app.example.com/'] }] },
      'steps[0] (magicLink): Each of redirectUris must be an https:// URL',
    ],
    [{ steps: [{ type: 'code' }, { type: 'password' }] }, 'can only come first'],
  ])('refuses at synth a chain the functions would refuse: %j', (props, message) => {
    expect(() => synth(props as CustomAuthBackendProps)).toThrow(message);
  });

  it('says how to get the handler bundle when it is missing (a checkout without a build)', () => {
    expect(() => shippedHandlers()).toThrow(
      /bundle is missing .* run npm run build, or pass `code`/,
    );
  });
});

describe("cdk-nag's AwsSolutions checks", () => {
  it.each([
    ['the default flow', {}],
    [
      'a chain with a magic link',
      { steps: [{ type: 'magicLink', redirectUris: ['https://app.example.com/'] }] },
    ],
    ['a chain that texts codes', { steps: [{ type: 'code', deliver: 'sms' }] }],
    [
      'passkeys',
      {
        steps: [{ type: 'passkey' }],
        passkeys: { rpId: 'example.com', origins: ['https://app.example.com'] },
      },
    ],
  ] as const)(
    'find nothing unacknowledged with %s, and each acknowledgement gives its reason',
    (_, props) => {
      const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'cca-nag-')) });
      const stack = new Stack(app, 'Auth', { env });
      new CustomAuthBackend(stack, 'CustomAuth', {
        ...props,
        senderEmail: 'no-reply@example.com',
        code: Code.fromAsset(bundle),
      });
      Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
      try {
        expect(() => app.synth()).not.toThrow();
      } finally {
        rmSync(app.outdir, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
