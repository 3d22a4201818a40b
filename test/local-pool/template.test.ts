import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Amplify } from 'aws-amplify';
import { confirmSignIn, signIn, signOut } from 'aws-amplify/auth';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CfnTemplate } from '../../src/cloudformation/template.ts';
import { parseCliOptions } from '../../src/local-pool/cli/options.ts';
import {
  type LocalPool,
  localPoolOptionsFromTemplate,
  startLocalPool,
} from '../../src/local-pool/index.ts';
import { type SynthesizedApp, synthesizeApp } from '../support/cdk-app.ts';
import { doctorInProcess, poolArgs } from '../support/doctor.ts';
import { cognitoPost, latestCode, registerUser } from '../support/local-pool.ts';
import { initiateCustomAuth, registerOverHttp } from '../support/pool-http.ts';
import { softwareAuthenticator } from '../support/software-authenticator.ts';

let app: SynthesizedApp;

beforeAll(async () => {
  app = await synthesizeApp({ flow: 'passwordless', senderEmail: 'no-reply@example.com' });
}, 120_000);

afterAll(() => app?.remove());

const clientIdOf = (template: CfnTemplate) =>
  Object.keys(template.Resources).find(
    (id) => template.Resources[id]?.Type === 'AWS::Cognito::UserPoolClient',
  ) as string;

/** The local pool of a template, as `cognito-custom-auth-pool --template` starts it. */
const startFromTemplate = async (path: string) =>
  startLocalPool({ ...(await localPoolOptionsFromTemplate(path)), port: 0, log: () => {} });

/** The construct's template changed by `change`, written beside it so its assets resolve. */
function changedTemplate(change: (template: CfnTemplate) => void): string {
  const template = structuredClone(app.template);
  change(template);
  const path = join(app.outdir, `changed-${Math.random().toString(36).slice(2)}.template.json`);
  writeFileSync(path, JSON.stringify(template));
  return path;
}

describe('the local pool started from a synthesized template', () => {
  let pool: LocalPool;

  beforeAll(async () => {
    pool = await startFromTemplate(app.templatePath);
    Amplify.configure(pool.amplifyConfig);
  }, 60_000);

  afterAll(async () => {
    await signOut().catch(() => {});
    await pool?.close();
  });

  it('signs in with the real Amplify client through the handlers the stack deploys', async () => {
    expect(pool.userPoolClientId).toBe(clientIdOf(app.template));
    expect(pool.explicitAuthFlows).toEqual(['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
    expect(pool.caseSensitive).toBe(false);
    await registerUser(pool, 'dana');
    const challenge = await signIn({
      username: 'dana',
      options: { authFlowType: 'CUSTOM_WITHOUT_SRP' },
    });
    expect(challenge.nextStep).toMatchObject({
      signInStep: 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE',
      additionalInfo: { type: 'code', destination: 'd***@e***.com', attemptsLeft: '3' },
    });
    // The bundle's SES sender delivered to the outbox: nothing left this machine.
    const code = latestCode(pool, 'dana');
    expect(code).toMatch(/^\d{6}$/);
    expect(await confirmSignIn({ challengeResponse: code })).toEqual({
      isSignedIn: true,
      nextStep: { signInStep: 'DONE' },
    });
  }, 30_000);

  it("runs the functions with their environment, without the table's name", () => {
    expect(process.env.CUSTOM_AUTH_FLOW).toBe('passwordless');
    expect(process.env.CUSTOM_AUTH_SENDER_EMAIL).toBe('no-reply@example.com');
    // Empty, so that a table named in the shell is not used either.
    expect(process.env.CUSTOM_AUTH_LIMITS_TABLE).toBe('');
    // What the template does not set is empty too: a shell's value changes nothing.
    expect(process.env.CUSTOM_AUTH_STEPS).toBe('');
    expect(process.env.CUSTOM_AUTH_PASSKEYS).toBe('');
  });
});

describe('a template whose chain mails magic links', () => {
  const page = 'http://localhost:5173/sign-in';
  let links: SynthesizedApp;
  let pool: LocalPool;

  beforeAll(async () => {
    // Left in the shell: beside the template's steps, the handlers would refuse every sign-in.
    vi.stubEnv('CUSTOM_AUTH_FLOW', 'passwordThenCode');
    links = await synthesizeApp({
      steps: [{ type: 'magicLink', redirectUris: [page] }],
      senderEmail: 'no-reply@example.com',
    });
    pool = await startFromTemplate(links.templatePath);
    Amplify.configure(pool.amplifyConfig);
  }, 120_000);

  afterAll(async () => {
    await signOut().catch(() => {});
    await pool?.close();
    links?.remove();
    expect(process.env.CUSTOM_AUTH_FLOW).toBe('passwordThenCode');
    vi.unstubAllEnvs();
  });

  it('signs links with a key made for the run, in place of the secret in the account', () => {
    expect(process.env.CUSTOM_AUTH_LINK_KEYS_SECRET).toBe('');
    expect(process.env.CUSTOM_AUTH_LINK_KEYS).toMatch(/^local:[\w-]{43}$/);
    expect(process.env.CUSTOM_AUTH_STEPS).toBe(
      JSON.stringify([{ type: 'magicLink', redirectUris: [page] }]),
    );
  });

  it('mails a link to the page the chain lists, and its code signs in', async () => {
    await registerUser(pool, 'ines');
    const asked = await signIn({
      username: 'ines',
      options: { authFlowType: 'CUSTOM_WITHOUT_SRP' },
    });
    expect(asked.nextStep).toMatchObject({ signInStep: 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE' });
    const waiting = await confirmSignIn({
      challengeResponse: `link:${page}`,
      options: { clientMetadata: { redirectUri: page } },
    });
    expect(waiting.nextStep).toMatchObject({
      additionalInfo: { type: 'magicLink', destination: 'i***@e***.com', codeLength: '6' },
    });
    const sent = pool.outbox('ines').at(-1);
    expect(sent?.link).toMatch(/^http:\/\/localhost:5173\/sign-in#[\w-]+\.[\w-]+\.[\w-]{43}$/);
    expect(await confirmSignIn({ challengeResponse: sent?.code ?? '' })).toEqual({
      isSignedIn: true,
      nextStep: { signInStep: 'DONE' },
    });
  }, 30_000);
});

describe('a template with passkeys', () => {
  const origin = 'http://localhost:5173';
  let passkeys: SynthesizedApp;
  let pool: LocalPool;

  beforeAll(async () => {
    passkeys = await synthesizeApp({
      steps: [{ type: 'code' }, { type: 'passkeyEnrollment' }],
      passkeys: { rpId: 'localhost', origins: [origin] },
      senderEmail: 'no-reply@example.com',
    });
    pool = await startFromTemplate(passkeys.templatePath);
  }, 120_000);

  afterAll(async () => {
    await pool?.close();
    passkeys?.remove();
  });

  /** One answer to the sign-in's current challenge. */
  const answer = (Session: unknown, ANSWER: string) =>
    cognitoPost(pool, 'RespondToAuthChallenge', {
      ClientId: pool.userPoolClientId,
      ChallengeName: 'CUSTOM_CHALLENGE',
      Session,
      ChallengeResponses: { USERNAME: 'pia', ANSWER },
    });

  it("serves the template's passkey functions over the passkeys its chain enrols", async () => {
    const authenticator = softwareAuthenticator({ origin, rpId: 'localhost' });
    await registerOverHttp(pool, 'pia');
    const started = await initiateCustomAuth(pool, 'pia');
    const offered = await answer(started.body.Session, latestCode(pool, 'pia'));
    const parameters = offered.body.ChallengeParameters as Record<string, string>;
    expect(parameters.type).toBe('passkeyEnrollment');
    const registration = authenticator.register(JSON.parse(parameters.publicKey ?? ''));
    const done = await answer(offered.body.Session, JSON.stringify(registration));
    const { AccessToken } = done.body.AuthenticationResult as { AccessToken: string };

    // The management function lists what the chain stored: one store, as one table would be.
    const listed = await fetch(pool.passkeyManagementUrl, {
      headers: { origin, authorization: `Bearer ${AccessToken}` },
    });
    expect(listed.status).toBe(200);
    expect(((await listed.json()) as { passkeys: { id: string }[] }).passkeys).toEqual([
      expect.objectContaining({ id: authenticator.passkeys[0]?.id }),
    ]);
    const refused = await fetch(pool.passkeyManagementUrl, {
      headers: { origin, authorization: 'Bearer not-a-token' },
    });
    expect(refused.status).toBe(401);

    const challenge = await fetch(pool.passkeyChallengeUrl, {
      method: 'POST',
      headers: { origin },
    });
    expect(challenge.headers.get('access-control-allow-origin')).toBe(origin);
    expect(await challenge.json()).toMatchObject({ publicKey: { rpId: 'localhost' } });
  }, 60_000);
});

describe('a template whose client allows a password alone', () => {
  it('is run as it is: the pool allows USER_SRP_AUTH too, and the doctor flags it on both', async () => {
    const path = changedTemplate((template) => {
      const client = template.Resources[clientIdOf(template)]?.Properties as Record<
        string,
        unknown
      >;
      client.ExplicitAuthFlows = [
        'ALLOW_CUSTOM_AUTH',
        'ALLOW_USER_SRP_AUTH',
        'ALLOW_REFRESH_TOKEN_AUTH',
      ];
    });
    const pool = await startFromTemplate(path);
    try {
      const described = await cognitoPost(pool, 'DescribeUserPoolClient', {
        UserPoolId: pool.userPoolId,
        ClientId: pool.userPoolClientId,
      });
      expect(described.body).toMatchObject({
        UserPoolClient: { ExplicitAuthFlows: expect.arrayContaining(['ALLOW_USER_SRP_AUTH']) },
      });
      const onPool = await doctorInProcess(poolArgs(pool));
      expect(onPool.out).toMatch(/PROBLEM {2}App client \w+ \(.*\): ALLOW_USER_SRP_AUTH enabled/);
      expect(onPool.status).toBe(1);
    } finally {
      await pool.close();
    }
    const onTemplate = await doctorInProcess(['--template', path]);
    expect(onTemplate.out).toMatch(/PROBLEM {2}App client \w+: ALLOW_USER_SRP_AUTH enabled/);
    expect(onTemplate.status).toBe(1);
    expect(process.env.CUSTOM_AUTH_FLOW).toBeUndefined();
  }, 60_000);
});

describe("a template's access token validity", () => {
  /** The construct's template, its client's access tokens set to live `validity` of `unit`. */
  const withValidity = (validity: number, unit?: string) =>
    changedTemplate((template) => {
      const client = template.Resources[clientIdOf(template)]?.Properties as Record<
        string,
        unknown
      >;
      client.AccessTokenValidity = validity;
      client.TokenValidityUnits = unit ? { AccessToken: unit } : undefined;
    });

  it("is how long the pool's tokens live, in the template's unit, hours if it names none", async () => {
    const cases = [withValidity(5, 'minutes'), withValidity(2)];
    const seconds = await Promise.all(
      cases.map(async (path) => (await localPoolOptionsFromTemplate(path)).tokenValiditySeconds),
    );
    expect(seconds).toEqual([300, 7200]);
    await expect(localPoolOptionsFromTemplate(withValidity(2, 'weeks'))).rejects.toThrow(
      /TokenValidityUnits.AccessToken weeks is not a unit/,
    );
  });
});

describe("a template's custom attributes", () => {
  it("are the pool's too: DescribeUserPool lists them", async () => {
    const path = changedTemplate((template) => {
      const pool = Object.values(template.Resources).find(
        (resource) => resource.Type === 'AWS::Cognito::UserPool',
      )?.Properties as { Schema: unknown[] };
      pool.Schema.push({ Name: 'tier', AttributeDataType: 'String', Mutable: true });
    });
    const options = await localPoolOptionsFromTemplate(path);
    expect(options.customAttributes).toEqual(['tier']);
    const pool = await startLocalPool({ ...options, port: 0, log: () => {} });
    try {
      const described = await cognitoPost(pool, 'DescribeUserPool', {
        UserPoolId: pool.userPoolId,
      });
      const names = (
        described.body.UserPool as { SchemaAttributes: { Name: string }[] }
      ).SchemaAttributes.map((attribute) => attribute.Name);
      expect(names).toContain('custom:tier');
    } finally {
      await pool.close();
    }
  });
});

describe('a template the local pool cannot run', () => {
  it('is refused with the reason', async () => {
    const twoPools = changedTemplate((template) => {
      template.Resources.Second = { Type: 'AWS::Cognito::UserPool', Properties: {} };
    });
    await expect(localPoolOptionsFromTemplate(twoPools)).rejects.toThrow(
      /creates 2 user pools; the local pool runs a template with exactly one/,
    );
    const noAsset = changedTemplate((template) => {
      for (const resource of Object.values(template.Resources)) {
        if (resource.Type === 'AWS::Lambda::Function') delete resource.Metadata;
      }
    });
    await expect(localPoolOptionsFromTemplate(noAsset)).rejects.toThrow(
      /has no code the local pool can run: it needs a CDK asset/,
    );
    await expect(localPoolOptionsFromTemplate(join(app.outdir, 'none.json'))).rejects.toThrow(
      /Cannot read the template/,
    );
  });

  it('is given alone on the command line, without the options it sets', () => {
    expect(() => parseCliOptions(['--template', 't.json', '--flow', 'passwordless'])).toThrow(
      '--template sets what --flow would: give one or the other.',
    );
    expect(parseCliOptions(['--template', 't.json'])).toMatchObject({ template: 't.json' });
  });
});
