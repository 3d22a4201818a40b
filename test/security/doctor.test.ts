import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExtraClientOptions } from '../../src/local-pool/index.ts';
import { doctorInProcess, poolArgs } from '../support/doctor.ts';
import { poolsForEachTest } from '../support/local-pool.ts';

const root = resolve(import.meta.dirname, '../..');
const start = poolsForEachTest();

/** The real command in a child process, with no AWS credentials in its environment. */
function doctorCli(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith('AWS_')) delete env[name];
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(root, 'src/doctor/cli.ts'), ...args],
      { cwd: root, env, timeout: 30_000 },
      (error, stdout, stderr) => {
        done({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

const inProcess = doctorInProcess;

describe('the doctor command against a local pool', () => {
  it('passes a pool set up as the kit needs (exit 0)', async () => {
    const result = await doctorCli(poolArgs(await start()));
    expect(result.stdout).toContain('All checks pass.');
    expect(result.status).toBe(0);
  }, 30_000);

  it('names ALLOW_USER_SRP_AUTH as a way around the challenges (exit 1)', async () => {
    const pool = await start({
      explicitAuthFlows: ['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH'],
    });
    const result = await doctorCli(poolArgs(pool));
    expect(result.stdout).toMatch(
      /PROBLEM\s+App client localcustomauthclient00000 \(local-custom-auth\): ALLOW_USER_SRP_AUTH enabled/,
    );
    expect(result.stdout).toContain('1 problem found.');
    expect(result.status).toBe(1);
  }, 30_000);

  it('names another app client of the pool that lets a password alone sign in (exit 1)', async () => {
    const pool = await start({
      extraClients: [
        { clientId: 'fine2', explicitAuthFlows: ['ALLOW_CUSTOM_AUTH'] },
        {
          clientId: 'backoffice3',
          clientName: 'back office',
          explicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        },
      ],
    });
    const result = await doctorCli(poolArgs(pool));
    expect(result.stdout).toContain(
      `User pool ${pool.userPoolId}, app client ${pool.userPoolClientId} and 2 other app clients:`,
    );
    expect(result.stdout).toMatch(
      /PROBLEM\s+App client backoffice3 \(back office\): ALLOW_USER_PASSWORD_AUTH enabled/,
    );
    expect(result.stdout).not.toMatch(/PROBLEM\s+App client fine2/);
    expect(result.stdout).toContain('1 problem found.');
    expect(result.status).toBe(1);
  }, 30_000);

  it('reads every page of a long client list', async () => {
    const extraClients: ExtraClientOptions[] = Array.from({ length: 64 }, (_, index) => ({
      clientId: `client${index}`,
      explicitAuthFlows: ['ALLOW_CUSTOM_AUTH'],
    }));
    extraClients.push({ clientId: 'last', explicitAuthFlows: ['ALLOW_USER_SRP_AUTH'] });
    const pool = await start({ extraClients });
    pool.resetRequestCounts();
    const result = await inProcess(poolArgs(pool));
    expect(result.out).toMatch(/PROBLEM\s+App client last/);
    expect(result.status).toBe(1);
    expect(pool.requestCounts()).toMatchObject({
      ListUserPoolClients: 2,
      DescribeUserPoolClient: 66,
    });
  });

  it('flags legacy user existence errors (exit 1)', async () => {
    const pool = await start({ preventUserExistenceErrors: false });
    const result = await inProcess(poolArgs(pool));
    expect(result.out).toMatch(
      /PROBLEM\s+App client localcustomauthclient00000 \(local-custom-auth\): PreventUserExistenceErrors is LEGACY/,
    );
    expect(result.status).toBe(1);
  });

  it('compares the session lifetime with the one the app expects', async () => {
    const pool = await start({ sessionValiditySeconds: 300 });
    expect((await inProcess(poolArgs(pool))).out).toContain(
      'AuthSessionValidity is 5 minutes, not 3',
    );
    expect((await inProcess([...poolArgs(pool), '--session-validity', '5'])).status).toBe(0);
  });

  it('says what is wrong, without a stack, when the pool or client does not exist (exit 2)', async () => {
    const pool = await start();
    const args = poolArgs(pool);
    args[3] = 'nosuchclient';
    const result = await inProcess(args);
    expect(result.status).toBe(2);
    expect(result.err).toBe(
      'Not found: User pool client nosuchclient does not exist. Check --user-pool-id, --client-id and --region (local).',
    );
  });

  it('says how to install the AWS SDK when it is missing (exit 2)', async () => {
    const pool = await start();
    const result = await inProcess(poolArgs(pool), {
      loadSdk: () =>
        Promise.reject(
          new Error("Cannot find package '@aws-sdk/client-cognito-identity-provider'"),
        ),
    });
    expect(result.status).toBe(2);
    expect(result.err).toContain(
      'npm install --save-dev @aws-sdk/client-cognito-identity-provider',
    );
  });

  it('prints a note that fails nothing for a case-sensitive pool (exit 0)', async () => {
    const arn = 'arn:aws:lambda:eu-west-1:123456789012:function:trigger';
    const answers: Record<string, unknown> = {
      DescribeUserPool: {
        UserPool: {
          LambdaConfig: {
            DefineAuthChallenge: arn,
            CreateAuthChallenge: arn,
            VerifyAuthChallengeResponse: arn,
          },
          AutoVerifiedAttributes: ['email'],
          UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
          UsernameConfiguration: { CaseSensitive: true },
        },
      },
      DescribeUserPoolClient: {
        UserPoolClient: {
          ClientId: 'x1',
          ExplicitAuthFlows: ['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
          PreventUserExistenceErrors: 'ENABLED',
        },
      },
      ListUserPoolClients: { UserPoolClients: [{ ClientId: 'x1' }] },
    };
    const command = (name: string) =>
      class {
        readonly name = name;
      };
    const described = {
      CognitoIdentityProviderClient: class {
        send(sent: { name: string }) {
          return Promise.resolve(answers[sent.name]);
        }
        destroy() {}
      },
      DescribeUserPoolCommand: command('DescribeUserPool'),
      DescribeUserPoolClientCommand: command('DescribeUserPoolClient'),
      ListUserPoolClientsCommand: command('ListUserPoolClients'),
    };
    const result = await inProcess(['--user-pool-id', 'eu-west-1_Abc', '--client-id', 'x1'], {
      loadSdk: async () => described as never,
    });
    expect(result.out).toMatch(/\n {2}note {5}Usernames are case-sensitive\n {11}why: /);
    expect(result.out).not.toContain('PROBLEM');
    expect(result.out).toContain('All checks pass (1 note).');
    expect(result.status).toBe(0);
  });

  it.each([
    [
      'AccessDeniedException',
      'User is not authorized to perform: cognito-idp:DescribeUserPool',
      /^AWS refused the call \(AccessDeniedException\): .* The credentials need cognito-idp:DescribeUserPool, cognito-idp:ListUserPoolClients and cognito-idp:DescribeUserPoolClient/,
    ],
    [
      'CredentialsProviderError',
      'Could not load credentials from any providers',
      /^No AWS credentials: Could not load credentials from any providers Set AWS_PROFILE/,
    ],
  ])('explains a %s in one line (exit 2)', async (name, message, expected) => {
    const failing = {
      CognitoIdentityProviderClient: class {
        send() {
          return Promise.reject(Object.assign(new Error(message), { name }));
        }
        destroy() {}
      },
      DescribeUserPoolCommand: class {},
      DescribeUserPoolClientCommand: class {},
      ListUserPoolClientsCommand: class {},
    };
    const result = await inProcess(['--user-pool-id', 'eu-west-1_Abc', '--client-id', 'x1'], {
      loadSdk: async () => failing as never,
    });
    expect(result.status).toBe(2);
    expect(result.err).toMatch(expected);
    expect(result.err).not.toContain('    at ');
  });

  it('refuses bad arguments with the usage (exit 2)', async () => {
    const result = await inProcess(['--user-pool-id', 'x']);
    expect(result.status).toBe(2);
    expect(result.err).toContain('Usage: cognito-custom-auth-doctor');
  });
});
