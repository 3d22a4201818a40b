import { enabledFlows } from '../cloudformation/user-pools.ts';
import type { DescribedClient, DescribedPool } from './described.ts';
import { attributeUpdateChecks, usernameCaseCheck } from './pool-checks.ts';
import { type DoctorCheck, ok, problem } from './verdicts.ts';

export type { DescribedClient, DescribedPool } from './described.ts';
export type { DoctorCheck } from './verdicts.ts';

export interface CheckOptions {
  /** The session lifetime the app expects, in minutes. Default 3, as the kit's UI does. */
  sessionValidityMinutes?: number;
  /**
   * The pool's other app clients. Client ids are public (every web app ships its own), so
   * anyone can sign in through any of them: each must keep password-only sign-in off too.
   */
  otherClients?: readonly DescribedClient[];
}

/** Flows that sign in with a password alone: Cognito never calls the challenge triggers for them. */
const bypassFlows = [
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_USER_AUTH',
  'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  'ADMIN_NO_SRP_AUTH',
  'USER_PASSWORD_AUTH',
];

const triggers = [
  ['DefineAuthChallenge', 'Define auth challenge'],
  ['CreateAuthChallenge', 'Create auth challenge'],
  ['VerifyAuthChallengeResponse', 'Verify auth challenge response'],
] as const;

const label = (client: DescribedClient) =>
  `App client ${client.ClientId ?? '(no id)'}${client.ClientName ? ` (${client.ClientName})` : ''}`;

const appClients = (count: number) => `${count} app client${count === 1 ? '' : 's'}`;

/** One problem per client that lets a password alone sign in, or one ok for them all. */
function bypassChecks(app: DescribedClient, others: readonly DescribedClient[]): DoctorCheck[] {
  const found: DoctorCheck[] = [];
  for (const client of [app, ...others]) {
    const bypass = bypassFlows.filter((flow) =>
      enabledFlows(client.ExplicitAuthFlows).includes(flow),
    );
    if (bypass.length === 0) continue;
    const implicit =
      (client.ExplicitAuthFlows ?? []).length === 0
        ? ' (Cognito enables it when the list is empty)'
        : '';
    const fix =
      client === app
        ? 'allow only ALLOW_CUSTOM_AUTH and ALLOW_REFRESH_TOKEN_AUTH on this app client ' +
          "(Amplify's CUSTOM_WITH_SRP runs inside CUSTOM_AUTH and needs nothing more)."
        : 'turn these flows off on that client, or delete it if nothing uses it: its id is ' +
          'as public as the app’s, and it signs in the same users. Password sign-in for ' +
          'another app needs a user pool of its own.';
    found.push(
      problem(
        `${label(client)}: ${bypass.join(', ')} enabled${implicit}`,
        'a sign-in through it gets tokens with the password alone: Cognito never calls the ' +
          'challenge triggers for it, so every code or question is skipped.',
        fix,
      ),
    );
  }
  return found.length > 0
    ? found
    : [ok(`No auth flow lets a password alone sign in (${appClients(others.length + 1)})`)];
}

/** Cognito's hosted sign-in pages ask for a password and never run the custom challenge. */
function hostedUiChecks(pool: DescribedPool, clients: readonly DescribedClient[]): DoctorCheck[] {
  const domain = pool.CustomDomain || pool.Domain;
  const found = domain
    ? clients.filter(
        (client) =>
          client.AllowedOAuthFlowsUserPoolClient === true &&
          (client.SupportedIdentityProviders ?? []).includes('COGNITO'),
      )
    : [];
  if (found.length === 0) return [ok('No hosted sign-in page takes a password alone')];
  return found.map((client) =>
    problem(
      `${label(client)}: hosted sign-in pages at ${domain} sign in with a password`,
      'the pool’s domain serves Cognito’s own sign-in pages for this client; they sign in ' +
        'with username and password and never run the challenge triggers, so the code is skipped.',
      'remove COGNITO from the client’s identity providers (keep federated ones), or turn ' +
        'OAuth off on it, or delete the pool’s domain if nothing uses it.',
    ),
  );
}

/**
 * One problem per client whose sign-in tells unknown names apart, or one ok for them all.
 * Every client is asked, not only the app's: one legacy client is enough to reveal who exists.
 */
function userExistenceChecks(
  app: DescribedClient,
  others: readonly DescribedClient[],
): DoctorCheck[] {
  const offenders = [app, ...others].filter(
    (client) => client.PreventUserExistenceErrors !== 'ENABLED',
  );
  if (offenders.length === 0) {
    return [ok(`PreventUserExistenceErrors is ENABLED (${appClients(others.length + 1)})`)];
  }
  return offenders.map((client) =>
    problem(
      `${label(client)}: PreventUserExistenceErrors is ${client.PreventUserExistenceErrors ?? 'not set'}`,
      'sign-in through it answers UserNotFoundException for unknown names, telling anyone ' +
        'which users exist.',
      client === app
        ? 'set PreventUserExistenceErrors to ENABLED on the app client.'
        : 'set PreventUserExistenceErrors to ENABLED on that client too, or delete it if ' +
            'nothing uses it: its id is as public as the app’s, and it signs in the same users.',
    ),
  );
}

function flowChecks(client: DescribedClient): DoctorCheck[] {
  const flows = enabledFlows(client.ExplicitAuthFlows);
  return [
    flows.includes('ALLOW_CUSTOM_AUTH') || flows.includes('CUSTOM_AUTH_FLOW_ONLY')
      ? ok('ALLOW_CUSTOM_AUTH is enabled')
      : problem(
          'ALLOW_CUSTOM_AUTH is not enabled',
          'every sign-in of the kit is a CUSTOM_AUTH sign-in, so none can start.',
          'add ALLOW_CUSTOM_AUTH to the app client’s explicit auth flows.',
        ),
    flows.includes('ALLOW_REFRESH_TOKEN_AUTH') || !flows.some((flow) => flow.startsWith('ALLOW_'))
      ? ok('ALLOW_REFRESH_TOKEN_AUTH is enabled')
      : problem(
          'ALLOW_REFRESH_TOKEN_AUTH is not enabled',
          'tokens cannot be refreshed, so users are signed out when the access token expires.',
          'add ALLOW_REFRESH_TOKEN_AUTH to the app client’s explicit auth flows.',
        ),
  ];
}

/**
 * Audits a user pool and the app client the app signs in with (`client`) for the kit, from
 * DescribeUserPool and DescribeUserPoolClient alone: a pure function, so any source of those
 * answers will do. Ways around the challenges are looked for on every client given.
 */
export function checkPoolForCustomAuth(
  pool: DescribedPool,
  client: DescribedClient,
  options: CheckOptions = {},
): DoctorCheck[] {
  const others = options.otherClients ?? [];
  const checks = [
    ...bypassChecks(client, others),
    ...hostedUiChecks(pool, [client, ...others]),
    ...flowChecks(client),
  ];
  for (const [key, name] of triggers) {
    checks.push(
      pool.LambdaConfig?.[key]
        ? ok(`${name} trigger attached`)
        : problem(
            `${name} trigger not attached`,
            'Cognito runs the custom challenge only with all three challenge triggers.',
            `attach the kit's ${key} handler to the user pool (LambdaConfig.${key}).`,
          ),
    );
  }
  checks.push(...attributeUpdateChecks(pool), usernameCaseCheck(pool));
  checks.push(...userExistenceChecks(client, others));
  const expected = options.sessionValidityMinutes ?? 3;
  const actual = client.AuthSessionValidity ?? 3;
  checks.push(
    actual === expected
      ? ok(`AuthSessionValidity is ${actual} minutes`)
      : problem(
          `AuthSessionValidity is ${actual} minutes, not ${expected}`,
          'the UI expires a challenge on its own clock; when Cognito’s differs, users either ' +
            'lose a session early or type a code into one that is already dead.',
          `set AuthSessionValidity to ${expected} on the app client, or pass ` +
            `--session-validity ${actual} if the app is configured for ${actual} minutes.`,
        ),
  );
  return checks;
}
