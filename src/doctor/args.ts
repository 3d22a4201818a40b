import { parseArgs } from 'node:util';

export const doctorUsage = `Usage: cognito-custom-auth-doctor --user-pool-id <id> --client-id <id> [options]
       cognito-custom-auth-doctor --template <file> [--client-id <logical id>] [options]

Checks a Cognito user pool and app client for the custom-auth kit: no app client of the
pool with a flow or hosted sign-in page that signs in with a password alone, nor without
PreventUserExistenceErrors ENABLED; ALLOW_CUSTOM_AUTH on, the three challenge triggers
attached, a changed email or phone number verified before it takes effect,
AuthSessionValidity as the app expects. Notes (such as case-sensitive usernames) fail nothing.

  --user-pool-id <id>          the user pool, e.g. eu-west-1_AbC123
  --client-id <id>             the app client the app signs in with
  --template <file>            check a CloudFormation template (JSON, or YAML with the
                               optional package yaml) before deploy, e.g.
                               cdk.out/<stack>.template.json: every user pool in it, with
                               its triggers' runtime and limits table; --client-id then
                               names the app client's logical id (default: its only client,
                               or the first that allows ALLOW_CUSTOM_AUTH)
  --region <region>            default: the part of the pool id before "_"
  --endpoint <url>             another Cognito endpoint, e.g. a local pool
  --session-validity <minutes> the AuthSessionValidity the app expects (default 3)
  --passkey-challenge-url <url>   passkeyChallengeHandler's URL: checked for each page
  --passkey-management-url <url>  passkeyManagementHandler's URL: checked for each page
  --passkey-origin <origin>    a page that uses passkeys, besides the app client's callback
                               and sign-out URLs (repeat for each)
  --help                       this text

Needs @aws-sdk/client-cognito-identity-provider and AWS credentials allowed to call
cognito-idp:DescribeUserPool, cognito-idp:ListUserPoolClients and
cognito-idp:DescribeUserPoolClient.
Exit status: 0 all checks pass, 1 a check failed, 2 bad arguments or the pool (or template)
could not be read.
`;

interface CommonArgs {
  sessionValidityMinutes: number;
  passkeyChallengeUrl?: string | undefined;
  passkeyManagementUrl?: string | undefined;
  passkeyOrigins: string[];
}

/** The passkey handlers and pages to check, as `checkPasskeys` takes them. */
export const passkeyTargets = (args: CommonArgs) => ({
  challengeUrl: args.passkeyChallengeUrl,
  managementUrl: args.passkeyManagementUrl,
  origins: args.passkeyOrigins,
});

/** A deployed pool, read with the AWS SDK. */
export interface PoolArgs extends CommonArgs {
  source: 'pool';
  userPoolId: string;
  clientId: string;
  region: string;
  endpoint?: string;
}

/** A template, read before deploy. */
export interface TemplateArgs extends CommonArgs {
  source: 'template';
  template: string;
  /** The app client's logical id, when the template has several. */
  clientId?: string | undefined;
}

export type DoctorArgs = PoolArgs | TemplateArgs;

/** An http or https URL, or a message naming the option. */
function httpUrl(option: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new Error(`--${option} must be an http or https URL, not ${value}.`);
  }
  return value;
}

/** Reads the command line; throws an Error with a message fit for the user. */
export function parseDoctorArgs(argv: string[]): DoctorArgs | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      'user-pool-id': { type: 'string' },
      template: { type: 'string' },
      'client-id': { type: 'string' },
      region: { type: 'string' },
      endpoint: { type: 'string' },
      'session-validity': { type: 'string' },
      'passkey-challenge-url': { type: 'string' },
      'passkey-management-url': { type: 'string' },
      'passkey-origin': { type: 'string', multiple: true },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return 'help';
  const common = commonArgs(values);
  if (values.template !== undefined) {
    if (values['user-pool-id'] || values.endpoint || values.region) {
      throw new Error(
        '--template checks a template: leave out --user-pool-id, --region and --endpoint.',
      );
    }
    if (!values.template.trim()) throw new Error('--template needs the path of a template file.');
    return {
      source: 'template',
      template: values.template,
      clientId: values['client-id'],
      ...common,
    };
  }
  const userPoolId = values['user-pool-id'];
  const clientId = values['client-id'];
  if (!userPoolId || !/^[\w-]+_[0-9a-zA-Z]+$/.test(userPoolId)) {
    throw new Error(
      '--user-pool-id is required and looks like <region>_<id>, e.g. eu-west-1_AbC123 (or check a template with --template).',
    );
  }
  if (!clientId || !/^[\w+]+$/.test(clientId)) {
    throw new Error('--client-id is required: the app client id the app signs in with.');
  }
  httpUrl('endpoint', values.endpoint);
  const region = values.region ?? userPoolId.split('_')[0] ?? '';
  return { source: 'pool', userPoolId, clientId, region, endpoint: values.endpoint, ...common };
}

interface CommonValues {
  'session-validity'?: string | undefined;
  'passkey-challenge-url'?: string | undefined;
  'passkey-management-url'?: string | undefined;
  'passkey-origin'?: string[] | undefined;
}

function commonArgs(values: CommonValues): CommonArgs {
  const passkeyOrigins = (values['passkey-origin'] ?? []).map((origin) => {
    if (!URL.canParse(origin) || new URL(origin).origin !== origin) {
      throw new Error(
        `--passkey-origin must be an origin such as https://app.example.com, not ${origin}.`,
      );
    }
    return origin;
  });
  const minutes = Number(values['session-validity'] ?? 3);
  if (!Number.isInteger(minutes) || minutes < 3 || minutes > 15) {
    throw new Error(
      `--session-validity is in minutes, a whole number from 3 to 15 (Cognito's range), not ${values['session-validity']}.`,
    );
  }
  return {
    sessionValidityMinutes: minutes,
    passkeyChallengeUrl: httpUrl('passkey-challenge-url', values['passkey-challenge-url']),
    passkeyManagementUrl: httpUrl('passkey-management-url', values['passkey-management-url']),
    passkeyOrigins,
  };
}
