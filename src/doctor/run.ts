import {
  type DoctorArgs,
  doctorUsage,
  type PoolArgs,
  parseDoctorArgs,
  passkeyTargets,
} from './args.ts';
import { checkPoolForCustomAuth, type DescribedClient, type DescribedPool } from './checks.ts';
import type { CognitoSdk, DoctorIo } from './io.ts';
import { checkPasskeys } from './passkey-checks.ts';
import { printReport, printSummary } from './report.ts';
import { runTemplateDoctor } from './template-run.ts';

export type { DoctorIo } from './io.ts';

const sdkName = '@aws-sdk/client-cognito-identity-provider';

// A variable specifier keeps bundlers from resolving the optional peer at build time.
const importSdk = (): Promise<CognitoSdk> => import(sdkName) as Promise<CognitoSdk>;

const isLoopback = (endpoint: string) => {
  const { hostname } = new URL(endpoint);
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
};

/** Why the describe calls failed, in words a developer can act on. */
function describeFailure(error: unknown, args: PoolArgs): string {
  const name = (error as { name?: string }).name ?? 'Error';
  const message = (error as { message?: string }).message ?? String(error);
  const code = (error as { code?: string; cause?: { code?: string } }).code;
  if (name === 'ResourceNotFoundException') {
    return `Not found: ${message} Check --user-pool-id, --client-id and --region (${args.region}).`;
  }
  if (name === 'CredentialsProviderError' || /credential/i.test(message)) {
    return `No AWS credentials: ${message} Set AWS_PROFILE or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.`;
  }
  if (
    [
      'AccessDeniedException',
      'NotAuthorizedException',
      'UnrecognizedClientException',
      'InvalidSignatureException',
      'ExpiredTokenException',
    ].includes(name)
  ) {
    return (
      `AWS refused the call (${name}): ${message} The credentials need ` +
      'cognito-idp:DescribeUserPool, cognito-idp:ListUserPoolClients and ' +
      'cognito-idp:DescribeUserPoolClient on this pool.'
    );
  }
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || /ECONNREFUSED|ENOTFOUND/.test(message)) {
    return `Cannot reach ${args.endpoint ?? `Cognito in ${args.region}`}: ${message}`;
  }
  return `Reading the pool failed (${name}): ${message}`;
}

interface Described {
  pool: DescribedPool;
  client: DescribedClient;
  others: DescribedClient[];
}

/** Describes at most this many clients at once: Cognito throttles reads per account. */
const describeConcurrency = 4;

async function describe(sdk: CognitoSdk, args: PoolArgs, env: DoctorIo['env']): Promise<Described> {
  const offline =
    args.endpoint !== undefined &&
    isLoopback(args.endpoint) &&
    !env.AWS_ACCESS_KEY_ID &&
    !env.AWS_PROFILE;
  const client = new sdk.CognitoIdentityProviderClient({
    region: args.region,
    endpoint: args.endpoint,
    maxAttempts: 1,
    // A local pool checks no signature; placeholders let the check run with no AWS account.
    ...(offline ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  const UserPoolId = args.userPoolId;
  const describeClient = async (ClientId: string) =>
    (await client.send(new sdk.DescribeUserPoolClientCommand({ UserPoolId, ClientId })))
      .UserPoolClient ?? { ClientId };
  // Every client, not only the app's: their ids are public, so any of them is a way in.
  const listClientIds = async () => {
    const ids: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await client.send(
        new sdk.ListUserPoolClientsCommand({ UserPoolId, MaxResults: 60, NextToken }),
      );
      for (const listed of page.UserPoolClients ?? []) {
        if (listed.ClientId && listed.ClientId !== args.clientId) ids.push(listed.ClientId);
      }
      NextToken = page.NextToken;
    } while (NextToken);
    return ids;
  };
  try {
    const [pool, app, otherIds] = await Promise.all([
      client.send(new sdk.DescribeUserPoolCommand({ UserPoolId })),
      describeClient(args.clientId),
      listClientIds(),
    ]);
    const others: DescribedClient[] = [];
    for (let start = 0; start < otherIds.length; start += describeConcurrency) {
      const batch = otherIds.slice(start, start + describeConcurrency);
      others.push(...(await Promise.all(batch.map(describeClient))));
    }
    return { pool: pool.UserPool ?? {}, client: app, others };
  } finally {
    client.destroy();
  }
}

/** The doctor command: returns its exit status (0 fine, 1 findings, 2 could not check). */
export async function runDoctor(argv: string[], io: DoctorIo): Promise<number> {
  let args: DoctorArgs | 'help';
  try {
    args = parseDoctorArgs(argv);
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${doctorUsage}`);
    return 2;
  }
  if (args === 'help') {
    io.out(doctorUsage);
    return 0;
  }
  if (args.source === 'template') return runTemplateDoctor(args, io);
  return runPoolDoctor(args, io);
}

/** The checks of a deployed pool, read with the AWS SDK. */
async function runPoolDoctor(args: PoolArgs, io: DoctorIo): Promise<number> {
  let sdk: CognitoSdk;
  try {
    sdk = await (io.loadSdk ?? importSdk)();
  } catch {
    io.err(`The doctor reads the pool with the AWS SDK: npm install --save-dev ${sdkName}`);
    return 2;
  }
  let described: Described;
  try {
    described = await describe(sdk, args, io.env);
  } catch (error) {
    io.err(describeFailure(error, args));
    return 2;
  }
  const checks = [
    ...checkPoolForCustomAuth(described.pool, described.client, {
      sessionValidityMinutes: args.sessionValidityMinutes,
      otherClients: described.others,
    }),
    ...(await checkPasskeys(described.client, passkeyTargets(args), io.fetch)),
  ];
  const others = described.others.length;
  const problems = printReport(
    `User pool ${args.userPoolId}, app client ${args.clientId}` +
      (others > 0 ? ` and ${others} other app client${others === 1 ? '' : 's'}:` : ':'),
    checks,
    io.out,
  );
  printSummary([problems], io.out);
  // Notes are for reading, not for CI: only a problem fails the run.
  return problems.problems === 0 ? 0 : 1;
}
