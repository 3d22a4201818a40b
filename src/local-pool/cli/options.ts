import { parseArgs } from 'node:util';
import { isTriggerFlow, triggerFlows } from '../../triggers/presets/options.ts';
import { customAttributeName } from '../accounts/attribute-schema.ts';
import { parseExplicitAuthFlows } from '../clients/explicit-auth-flows.ts';
import { isLoopbackAddress } from '../local-aids/loopback.ts';
import {
  defaultClientId,
  defaultCognitoShapedPoolId,
  defaultUserPoolId,
  type LocalPoolOptions,
} from '../pool/options.ts';
import type { PoolFlow } from '../sign-in/built-in-triggers.ts';
import { type ChainStepName, chainStepNames } from '../sign-in/chain-presets.ts';

/** `text` broken at commas into lines of the usage's right column, the first `used` shorter. */
function wrapped(text: string, used: number): string {
  const lines = [''];
  for (const item of text.split(/(?<=,)/)) {
    const width = 60 - (lines.length === 1 ? used : 0);
    if (((lines.at(-1) as string) + item).length > width) lines.push('');
    lines[lines.length - 1] += item;
  }
  return lines.join(`\n${' '.repeat(33)}`);
}

export const usage = `Usage: cognito-custom-auth-pool [options]

A local, Cognito-compatible user pool that runs the custom-auth triggers.

  --host <host>                  address to listen on (default 127.0.0.1)
  --port <port>                  port, 0 for any free one (default 9229)
  --user-pool-id <id>            (default ${defaultUserPoolId})
  --cognito-issuer               issue tokens with Cognito's issuer URL, for aws-jwt-verify
                                 (the pool id defaults to ${defaultCognitoShapedPoolId})
  --client-id <id>               (default ${defaultClientId})
  --data <dir>                   keep users and keys here across restarts
  --flow <flow>                  passwordless | passwordThenCode | either (default
                                 passwordless; either: what the client asks for), or a
                                 chain of steps: ${wrapped(chainStepNames.join(','), 'chain of steps: '.length)}
                                 (codeByChoice asks email or SMS first; the question
                                 asks for the account's email address; captcha is the local
                                 test CAPTCHA; magicLink emails a link to a page on this
                                 machine, and a code, both shown in the outbox)
  --template <file>              run what a CloudFormation template deploys (cdk synth's
                                 cdk.out/<stack>.template.json): its user pool's clients
                                 and their flows, its settings, and the trigger functions
                                 from their asset folders with their environment (limits
                                 counted in memory, codes to the outbox)
  --triggers <file>              module exporting defineAuthChallenge, createAuthChallenge,
                                 verifyAuthChallengeResponse (default: the built-in ones);
                                 JavaScript, or TypeScript through the project's tsx
  --session-validity <seconds>   challenge session lifetime (default 180)
  --token-validity <seconds>     access and ID token lifetime (default 3600; shorter than
                                 Cognito's 5 minutes to see refreshes in tests)
  --auth-flows <flows>           the app client's explicit auth flows, comma-separated
                                 (default ALLOW_CUSTOM_AUTH,ALLOW_REFRESH_TOKEN_AUTH; others:
                                 ALLOW_USER_SRP_AUTH, ALLOW_USER_PASSWORD_AUTH, ALLOW_USER_AUTH,
                                 ALLOW_ADMIN_USER_PASSWORD_AUTH, which let a password alone
                                 sign in, skipping the challenges)
  --custom-attributes <names>    the pool's custom attributes, comma-separated (tier,plan
                                 for custom:tier and custom:plan); SignUp refuses others
  --max-codes <n>                messages the built-in triggers send per account before
                                 each further one waits (default 5)
  --max-wrong-answers <n>        wrong answers per account before each further one waits
                                 (default 5)
  --limit-window <seconds>       the longest wait: 1 minute, doubling, up to this (default 900)
  --case-sensitive               usernames are case-sensitive ("Alice" and "alice" are two
                                 users), as in pools made through Cognito's API; a --data
                                 folder keeps the setting it was made with
  --legacy-user-existence-errors answer UserNotFoundException for unknown users
  --latency <ms>                 delay every API request
  --help                         this text
`;

/** What to tell a developer whose listen address puts the pool on the network, or undefined. */
export function exposureWarning(host: string | undefined): string | undefined {
  if (host === undefined || host === 'localhost' || isLoopbackAddress(host)) return undefined;
  return (
    `Warning: the pool listens on ${host}, not a loopback address, so its Cognito API is ` +
    'reachable from the network. The local aids (/_local/*: codes, challenges, config, faults) ' +
    'still answer callers on this machine only.'
  );
}

function integer(value: string | undefined, name: string, min: number, max: number) {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
    throw new Error(`--${name} must be a whole number from ${min} to ${max}, not ${value}.`);
  }
  return parsed;
}

function authFlows(value: string | undefined) {
  if (value === undefined) return undefined;
  try {
    return parseExplicitAuthFlows(value.split(',').filter((name) => name.trim() !== ''));
  } catch (error) {
    throw new Error(`--auth-flows: ${(error as Error).message}`);
  }
}

function customAttributes(value: string | undefined) {
  if (value === undefined) return undefined;
  try {
    return value.split(',').map((name) => customAttributeName(name.trim()));
  } catch (error) {
    throw new Error(`--custom-attributes: ${(error as Error).message}`);
  }
}

/** A preset by name, or a chain of step names separated by commas. */
function poolFlow(value: string | undefined): PoolFlow | undefined {
  if (value === undefined || isTriggerFlow(value)) return value;
  const names = value.split(',').map((name) => name.trim());
  const unknown = names.find((name) => !(chainStepNames as readonly string[]).includes(name));
  if (unknown !== undefined) {
    throw new Error(
      `--flow must be ${triggerFlows.join(', ')} or a chain of ${chainStepNames.join(', ')} ` +
        `separated by commas, not ${value}.`,
    );
  }
  return names as ChainStepName[];
}

/** What a template sets, so not to be given beside it. */
const setByTemplate = [
  'flow',
  'triggers',
  'client-id',
  'auth-flows',
  'session-validity',
  'token-validity',
  'case-sensitive',
  'legacy-user-existence-errors',
] as const;

/** The command line: the pool's options, and the template to start from if one is given. */
export type CliOptions = LocalPoolOptions & { template?: string | undefined };

export function parseCliOptions(args: string[]): CliOptions | 'help' {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      'user-pool-id': { type: 'string' },
      'cognito-issuer': { type: 'boolean' },
      'client-id': { type: 'string' },
      data: { type: 'string' },
      flow: { type: 'string' },
      triggers: { type: 'string' },
      template: { type: 'string' },
      'session-validity': { type: 'string' },
      'token-validity': { type: 'string' },
      'auth-flows': { type: 'string' },
      'custom-attributes': { type: 'string' },
      'max-codes': { type: 'string' },
      'max-wrong-answers': { type: 'string' },
      'limit-window': { type: 'string' },
      'case-sensitive': { type: 'boolean' },
      'legacy-user-existence-errors': { type: 'boolean' },
      latency: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return 'help';
  if (values.template !== undefined) {
    const clash = setByTemplate.filter((name) => values[name] !== undefined);
    if (clash.length > 0) {
      throw new Error(
        `--template sets what ${clash.map((name) => `--${name}`).join(', ')} would: give one or the other.`,
      );
    }
  }
  const flow = poolFlow(values.flow);
  return {
    host: values.host,
    port: integer(values.port, 'port', 0, 65_535),
    userPoolId: values['user-pool-id'],
    cognitoIssuer: values['cognito-issuer'],
    clientId: values['client-id'],
    dataDir: values.data,
    flow,
    triggers: values.triggers,
    sessionValiditySeconds: integer(values['session-validity'], 'session-validity', 1, 86_400),
    tokenValiditySeconds: integer(values['token-validity'], 'token-validity', 1, 86_400),
    explicitAuthFlows: authFlows(values['auth-flows']),
    customAttributes: customAttributes(values['custom-attributes']),
    limits: {
      maxCodes: integer(values['max-codes'], 'max-codes', 1, 100),
      maxWrongAnswers: integer(values['max-wrong-answers'], 'max-wrong-answers', 1, 1000),
      windowSeconds: integer(values['limit-window'], 'limit-window', 60, 86_400),
    },
    preventUserExistenceErrors: !values['legacy-user-existence-errors'],
    caseSensitive: values['case-sensitive'],
    latencyMs: integer(values.latency, 'latency', 0, 60_000),
    template: values.template,
  };
}
