import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { CfnResource, CfnTemplate } from '../../src/cloudformation/template.ts';
import { type SynthesizedApp, synthesizeApp } from '../support/cdk-app.ts';
import { doctorInProcess } from '../support/doctor.ts';

let app: SynthesizedApp;

beforeAll(async () => {
  app = await synthesizeApp();
}, 120_000);

afterAll(() => app?.remove());

/** The construct's template, changed by `mistake`, written beside it; the doctor's answer. */
async function doctorOn(mistake: (template: CfnTemplate) => void, ...more: string[]) {
  const template = structuredClone(app.template);
  mistake(template);
  const path = join(app.outdir, `changed-${Math.random().toString(36).slice(2)}.template.json`);
  writeFileSync(path, JSON.stringify(template));
  return doctorInProcess(['--template', path, ...more]);
}

/** The one resource of `type` whose logical id starts with `prefix`. */
function resource(template: CfnTemplate, type: string, prefix = ''): CfnResource {
  const found = Object.entries(template.Resources).filter(
    ([id, each]) => each.Type === type && id.startsWith(prefix),
  );
  expect(found, `${type} ${prefix}`).toHaveLength(1);
  return (found[0] as [string, CfnResource])[1];
}

const propertiesOf = (template: CfnTemplate, type: string, prefix = '') =>
  resource(template, type, prefix).Properties as Record<string, unknown>;

/** Takes from the template's IAM policies (of roles whose id starts with `prefix`) every statement naming `action`. */
function withoutGrants(template: CfnTemplate, action: string, prefix = '') {
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::IAM::Policy' || !id.startsWith(prefix)) continue;
    const document = resource.Properties?.PolicyDocument as { Statement: unknown[] };
    document.Statement = document.Statement.filter(
      (statement) => !JSON.stringify(statement).includes(action),
    );
  }
}

const poolId = (template: CfnTemplate) =>
  Object.keys(template.Resources).find(
    (id) => template.Resources[id]?.Type === 'AWS::Cognito::UserPool',
  ) as string;

describe('the doctor on a template', () => {
  it("finds nothing wrong in the construct's own template", async () => {
    const { status, out, err } = await doctorInProcess(['--template', app.templatePath]);
    expect(err).toBe('');
    expect(out).not.toContain('PROBLEM');
    expect(out).toMatch(
      /User pool CustomAuthUserPool\w+, app client CustomAuthUserPoolAppClient\w+:/,
    );
    for (const line of [
      'No auth flow lets a password alone sign in',
      'Define auth challenge trigger attached',
      'DefineAuthChallenge runs on nodejs24.x',
      'CreateAuthChallenge counts attempts in CustomAuthSignInLimits',
      'VerifyAuthChallengeResponse counts attempts in CustomAuthSignInLimits',
      'A change of email takes effect only once verified',
      'Usernames are case-insensitive',
      'PreventUserExistenceErrors is ENABLED',
      'CreateAuthChallenge sends codes from no-reply@example.com',
    ]) {
      expect(out).toContain(line);
    }
    expect(status).toBe(0);
  });

  const mistakes: Array<[string, (template: CfnTemplate) => void, RegExp]> = [
    [
      'a client that allows USER_SRP_AUTH',
      (template) => {
        const client = propertiesOf(template, 'AWS::Cognito::UserPoolClient');
        client.ExplicitAuthFlows = [
          'ALLOW_CUSTOM_AUTH',
          'ALLOW_USER_SRP_AUTH',
          'ALLOW_REFRESH_TOKEN_AUTH',
        ];
      },
      /PROBLEM {2}App client CustomAuth\w+: ALLOW_USER_SRP_AUTH enabled/,
    ],
    [
      'a client with no flows listed (Cognito then allows SRP)',
      (template) => {
        delete propertiesOf(template, 'AWS::Cognito::UserPoolClient').ExplicitAuthFlows;
      },
      /ALLOW_USER_SRP_AUTH enabled \(Cognito enables it when the list is empty\)/,
    ],
    [
      'hosted sign-in pages with COGNITO',
      (template) => {
        const pool = poolId(template);
        template.Resources.Domain = {
          Type: 'AWS::Cognito::UserPoolDomain',
          Properties: { Domain: 'sign-in-example', UserPoolId: { Ref: pool } },
        };
        Object.assign(propertiesOf(template, 'AWS::Cognito::UserPoolClient'), {
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ['code'],
          SupportedIdentityProviders: ['COGNITO'],
        });
      },
      /hosted sign-in pages at sign-in-example sign in with a password/,
    ],
    [
      'a second, legacy client that tells unknown users apart',
      (template) => {
        template.Resources.LegacyClient = {
          Type: 'AWS::Cognito::UserPoolClient',
          Properties: {
            UserPoolId: { Ref: poolId(template) },
            ClientName: 'legacy',
            ExplicitAuthFlows: ['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
          },
        };
      },
      /App client LegacyClient \(legacy\): PreventUserExistenceErrors is not set/,
    ],
    [
      'a missing Define trigger',
      (template) => {
        const config = propertiesOf(template, 'AWS::Cognito::UserPool').LambdaConfig as Record<
          string,
          unknown
        >;
        delete config.DefineAuthChallenge;
      },
      /PROBLEM {2}Define auth challenge trigger not attached/,
    ],
    [
      'a deprecated runtime',
      (template) => {
        propertiesOf(template, 'AWS::Lambda::Function', 'CustomAuthCreate').Runtime = 'nodejs20.x';
      },
      /PROBLEM {2}CreateAuthChallenge \(CustomAuthCreate\w+\) runs on nodejs20.x/,
    ],
    [
      'a limits table without Time to Live',
      (template) => {
        delete propertiesOf(template, 'AWS::DynamoDB::Table').TimeToLiveSpecification;
      },
      /PROBLEM {2}The limits table CustomAuthSignInLimits\w+ of CreateAuthChallenge: Time to Live must be on/,
    ],
    [
      'a Verify trigger that may not write the limits table',
      (template) => {
        for (const [id, each] of Object.entries(template.Resources)) {
          if (each.Type === 'AWS::IAM::Policy' && id.startsWith('CustomAuthVerify')) {
            delete template.Resources[id];
          }
        }
      },
      /VerifyAuthChallengeResponse's role must allow dynamodb:GetItem, PutItem and UpdateItem/,
    ],
    [
      'an email change that takes effect unverified',
      (template) => {
        delete propertiesOf(template, 'AWS::Cognito::UserPool').UserAttributeUpdateSettings;
      },
      /PROBLEM {2}An email change takes effect before the new address is verified/,
    ],
    [
      'no sender for the ready-made handlers (a construct given no senderEmail)',
      (template) => {
        const create = propertiesOf(template, 'AWS::Lambda::Function', 'CustomAuthCreate');
        delete (create.Environment as { Variables: Record<string, unknown> }).Variables
          .CUSTOM_AUTH_SENDER_EMAIL;
      },
      /PROBLEM {2}CreateAuthChallenge \(CustomAuthCreate\w+\) has no sender \(CUSTOM_AUTH_SENDER_EMAIL\)/,
    ],
    [
      'a sender the Create trigger may not send from',
      (template) => {
        for (const each of Object.values(template.Resources)) {
          const document = each.Properties?.PolicyDocument as {
            Statement: Array<{ Action: unknown }>;
          };
          if (each.Type !== 'AWS::IAM::Policy' || !document) continue;
          document.Statement = document.Statement.filter(
            (statement) => statement.Action !== 'ses:SendEmail',
          );
        }
      },
      /PROBLEM {2}CreateAuthChallenge \(CustomAuthCreate\w+\) may not send from SES/,
    ],
    [
      'a session validity the app does not expect',
      (template) => {
        propertiesOf(template, 'AWS::Cognito::UserPoolClient').AuthSessionValidity = 10;
      },
      /PROBLEM {2}AuthSessionValidity is 10 minutes, not 3/,
    ],
  ];

  it.each(mistakes)('finds %s, and fails the run', async (_, mistake, finding) => {
    const { status, out } = await doctorOn(mistake);
    expect(out).toMatch(finding);
    expect(status).toBe(1);
  });

  it('takes a pool that does not say as case-sensitive, as Cognito makes it: a note', async () => {
    const { status, out } = await doctorOn((template) => {
      delete propertiesOf(template, 'AWS::Cognito::UserPool').UsernameConfiguration;
    });
    expect(out).toMatch(/note {5}Usernames are case-sensitive\n/);
    expect(out).not.toContain('predates');
    expect(status).toBe(0);
  });

  it('reads the same template in YAML, short forms included', async () => {
    const path = join(app.outdir, 'SignIn.template.yaml');
    // Short forms as a hand-written template has them.
    const yaml = stringify(app.template).replace(/Ref: (\w+)/g, '!Ref $1');
    writeFileSync(path, yaml);
    expect(yaml).toContain('!Ref');
    const fromYaml = await doctorInProcess(['--template', path]);
    const fromJson = await doctorInProcess(['--template', app.templatePath]);
    expect(fromYaml.out.replace(path, 'T')).toBe(fromJson.out.replace(app.templatePath, 'T'));
    expect(fromYaml.status).toBe(0);
  });

  it('takes the app client by its logical id, and says when none has it', async () => {
    const { status, err } = await doctorInProcess([
      '--template',
      app.templatePath,
      '--client-id',
      'NoSuchClient',
    ]);
    expect(err).toContain('--client-id NoSuchClient names no app client');
    expect(status).toBe(2);
  });

  it('says what is wrong with a file that is no template, and exits 2', async () => {
    const notJson = join(app.outdir, 'broken.json');
    writeFileSync(notJson, '{ "Resources": ');
    const noResources = join(app.outdir, 'empty.json');
    writeFileSync(noResources, '{ "Outputs": {} }');
    const nullResource = join(app.outdir, 'null-resource.json');
    writeFileSync(nullResource, '{ "Resources": { "A": null } }');
    const textProperties = join(app.outdir, 'text-properties.json');
    writeFileSync(
      textProperties,
      JSON.stringify({ Resources: { P: { Type: 'AWS::Cognito::UserPool', Properties: 'x' } } }),
    );
    const noPool = join(app.outdir, 'no-pool.json');
    writeFileSync(noPool, JSON.stringify({ Resources: { T: { Type: 'AWS::SNS::Topic' } } }));
    const cases: Array<[string, RegExp]> = [
      [join(app.outdir, 'missing.json'), /Cannot read the template .*missing\.json/],
      [notJson, /broken\.json is not valid JSON or YAML/],
      [noResources, /empty\.json is not a CloudFormation template: it has no Resources section/],
      [nullResource, /its resource A needs a Type, and Properties that are an object/],
      [textProperties, /its resource P needs a Type, and Properties that are an object/],
      [noPool, /no-pool\.json creates no user pool/],
    ];
    for (const [path, message] of cases) {
      const { status, err } = await doctorInProcess(['--template', path]);
      expect(err).toMatch(message);
      expect(status).toBe(2);
    }
    const mixed = await doctorInProcess(['--template', noPool, '--user-pool-id', 'eu-west-1_A']);
    expect(mixed.err).toContain('--template checks a template');
    expect(mixed.status).toBe(2);
  });
});

describe('the doctor on a template whose chain mails magic links', () => {
  let links: SynthesizedApp;

  beforeAll(async () => {
    links = await synthesizeApp({
      steps: [
        { type: 'code', deliver: 'choice' },
        { type: 'magicLink', redirectUris: ['https://app.example.com/'] },
      ],
      senderEmail: 'no-reply@example.com',
    });
  }, 120_000);

  afterAll(() => links?.remove());

  /** The links template changed by `mistake`, written beside it; the doctor's answer. */
  async function doctorOnLinks(mistake: (template: CfnTemplate) => void) {
    const template = structuredClone(links.template);
    mistake(template);
    const path = join(links.outdir, `changed-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(path, JSON.stringify(template));
    return doctorInProcess(['--template', path]);
  }

  /** The environment of the trigger function whose logical id starts with `prefix`. */
  const variablesOf = (template: CfnTemplate, prefix: string) =>
    (
      propertiesOf(template, 'AWS::Lambda::Function', prefix).Environment as {
        Variables: Record<string, unknown>;
      }
    ).Variables;

  it('finds the chain and its link keys in order', async () => {
    const { status, out } = await doctorInProcess(['--template', links.templatePath]);
    expect(out).not.toContain('PROBLEM');
    expect(out).toContain('The triggers run the chain code, then magicLink');
    expect(out).toContain('CreateAuthChallenge may text codes (sns:Publish)');
    expect(out).toMatch(/CreateAuthChallenge reads the link keys from CustomAuthLinkKeys\w+/);
    expect(out).toMatch(/VerifyAuthChallengeResponse reads the link keys from CustomAuthLinkKeys/);
    expect(status).toBe(0);
  });

  it("says the default template's flow", async () => {
    const { out } = await doctorInProcess(['--template', app.templatePath]);
    expect(out).toContain('The triggers run the passwordless flow');
  });

  it.each<[string, (template: CfnTemplate) => void, RegExp]>([
    [
      'link keys written into the template',
      (template) => {
        const variables = variablesOf(template, 'CustomAuthVerify');
        delete variables.CUSTOM_AUTH_LINK_KEYS_SECRET;
        variables.CUSTOM_AUTH_LINK_KEYS = `k1:${'a'.repeat(40)}`;
      },
      /PROBLEM {2}VerifyAuthChallengeResponse \(CustomAuthVerify\w+\) holds the link keys in its environment/,
    ],
    [
      'no link keys at all',
      (template) => {
        delete variablesOf(template, 'CustomAuthCreate').CUSTOM_AUTH_LINK_KEYS_SECRET;
      },
      /PROBLEM {2}CreateAuthChallenge \(CustomAuthCreate\w+\) has no link keys/,
    ],
    [
      'a function that may not read the secret',
      (template) => withoutGrants(template, 'secretsmanager:GetSecretValue'),
      /PROBLEM {2}CreateAuthChallenge \(CustomAuthCreate\w+\) may not read the link keys in CustomAuthLinkKeys/,
    ],
    [
      'a chain that texts codes from a function that may not',
      (template) => withoutGrants(template, 'sns:Publish'),
      /PROBLEM {2}CreateAuthChallenge \(CustomAuthCreate\w+\) may not text codes/,
    ],
    [
      'functions that name different chains',
      (template) => {
        variablesOf(template, 'CustomAuthDefine').CUSTOM_AUTH_STEPS = '[{"type":"code"}]';
      },
      /PROBLEM {2}The trigger functions name different chains/,
    ],
    [
      'a chain the handlers refuse',
      (template) => {
        for (const prefix of ['CustomAuthDefine', 'CustomAuthCreate', 'CustomAuthVerify']) {
          variablesOf(template, prefix).CUSTOM_AUTH_STEPS = '[{"type":"cod"}]';
        }
      },
      /PROBLEM {2}The handlers refuse CUSTOM_AUTH_STEPS: steps\[0\] must be an object whose type is one of/,
    ],
  ])('finds %s', async (_, mistake, found) => {
    const { status, out } = await doctorOnLinks(mistake);
    expect(out).toMatch(found);
    expect(status).toBe(1);
  });
});

describe('the doctor on a template with passkeys', () => {
  let passkeys: SynthesizedApp;

  beforeAll(async () => {
    passkeys = await synthesizeApp({
      steps: [{ type: 'code' }, { type: 'passkeyEnrollment' }],
      passkeys: { rpId: 'example.com', origins: ['https://app.example.com'] },
      senderEmail: 'no-reply@example.com',
    });
  }, 120_000);

  afterAll(() => passkeys?.remove());

  it('takes the chain with the passkey settings the functions hold', async () => {
    const { status, out } = await doctorInProcess(['--template', passkeys.templatePath]);
    expect(out).not.toContain('PROBLEM');
    expect(out).toContain('The triggers run the chain code, then passkeyEnrollment');
    expect(out).toContain('DefineAuthChallenge may grant the step-ups passkey changes use');
    expect(status).toBe(0);
  });

  it('finds a Define that may not grant step-ups', async () => {
    const template = structuredClone(passkeys.template);
    withoutGrants(template, 'dynamodb:', 'CustomAuthDefine');
    const path = join(passkeys.outdir, 'no-step-up.template.json');
    writeFileSync(path, JSON.stringify(template));
    const { status, out } = await doctorInProcess(['--template', path]);
    expect(out).toMatch(
      /PROBLEM {2}DefineAuthChallenge \(CustomAuthDefine\w+\) may not write step-ups/,
    );
    expect(status).toBe(1);
  });

  it('finds passkey settings no passkey could work with', async () => {
    const template = structuredClone(passkeys.template);
    for (const resource of Object.values(template.Resources)) {
      const variables = (
        resource.Properties?.Environment as { Variables?: Record<string, unknown> }
      )?.Variables;
      if (variables?.CUSTOM_AUTH_PASSKEYS) {
        variables.CUSTOM_AUTH_PASSKEYS = JSON.stringify({ rpId: '10.0.0.1', origins: [] });
      }
    }
    const path = join(passkeys.outdir, 'ip.template.json');
    writeFileSync(path, JSON.stringify(template));
    const { status, out } = await doctorInProcess(['--template', path]);
    expect(out).toMatch(
      /PROBLEM {2}The handlers refuse CUSTOM_AUTH_STEPS: .*rpId must be a domain name/,
    );
    expect(status).toBe(1);
  });
});
