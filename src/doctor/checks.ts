/** The parts of DescribeUserPool's `UserPool` the checks read. */
export interface DescribedPool {
  Id?: string;
  LambdaConfig?: {
    DefineAuthChallenge?: string;
    CreateAuthChallenge?: string;
    VerifyAuthChallengeResponse?: string;
  };
}

/** The parts of DescribeUserPoolClient's `UserPoolClient` the checks read. */
export interface DescribedClient {
  ClientId?: string;
  ExplicitAuthFlows?: string[];
  PreventUserExistenceErrors?: string;
  /** Minutes; Cognito's default (3) when absent. */
  AuthSessionValidity?: number;
}

/** One check's verdict: `problem` says why it matters and `fix` how to mend it. */
export interface DoctorCheck {
  ok: boolean;
  title: string;
  problem?: string;
  fix?: string;
}

export interface CheckOptions {
  /** The session lifetime the app expects, in minutes. Default 3, as the kit's UI does. */
  sessionValidityMinutes?: number;
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

/** What Cognito enables for an app client whose ExplicitAuthFlows is empty. */
const emptyListDefault = ['ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];

const triggers = [
  ['DefineAuthChallenge', 'Define auth challenge'],
  ['CreateAuthChallenge', 'Create auth challenge'],
  ['VerifyAuthChallengeResponse', 'Verify auth challenge response'],
] as const;

const ok = (title: string): DoctorCheck => ({ ok: true, title });
const problem = (title: string, why: string, fix: string): DoctorCheck => ({
  ok: false,
  title,
  problem: why,
  fix,
});

function flowChecks(client: DescribedClient): DoctorCheck[] {
  const listed = client.ExplicitAuthFlows ?? [];
  const flows = listed.length > 0 ? listed : emptyListDefault;
  const implicit = listed.length === 0 ? ' (Cognito enables it when the list is empty)' : '';
  const checks: DoctorCheck[] = [];
  const bypass = bypassFlows.filter((flow) => flows.includes(flow));
  checks.push(
    bypass.length === 0
      ? ok('No auth flow lets a password alone sign in')
      : problem(
          `${bypass.join(', ')} enabled${implicit}`,
          'a sign-in through it gets tokens with the password alone: Cognito never calls the ' +
            'challenge triggers for it, so every code or question is skipped.',
          `allow only ALLOW_CUSTOM_AUTH and ALLOW_REFRESH_TOKEN_AUTH on this app client ` +
            `(Amplify's CUSTOM_WITH_SRP runs inside CUSTOM_AUTH and needs nothing more).`,
        ),
  );
  checks.push(
    flows.includes('ALLOW_CUSTOM_AUTH') || flows.includes('CUSTOM_AUTH_FLOW_ONLY')
      ? ok('ALLOW_CUSTOM_AUTH is enabled')
      : problem(
          'ALLOW_CUSTOM_AUTH is not enabled',
          'every sign-in of the kit is a CUSTOM_AUTH sign-in, so none can start.',
          'add ALLOW_CUSTOM_AUTH to the app client’s explicit auth flows.',
        ),
  );
  checks.push(
    flows.includes('ALLOW_REFRESH_TOKEN_AUTH') || !flows.some((flow) => flow.startsWith('ALLOW_'))
      ? ok('ALLOW_REFRESH_TOKEN_AUTH is enabled')
      : problem(
          'ALLOW_REFRESH_TOKEN_AUTH is not enabled',
          'tokens cannot be refreshed, so users are signed out when the access token expires.',
          'add ALLOW_REFRESH_TOKEN_AUTH to the app client’s explicit auth flows.',
        ),
  );
  return checks;
}

/**
 * Audits a user pool and app client for the kit, from DescribeUserPool and
 * DescribeUserPoolClient alone: a pure function, so any source of those answers will do.
 */
export function checkPoolForCustomAuth(
  pool: DescribedPool,
  client: DescribedClient,
  options: CheckOptions = {},
): DoctorCheck[] {
  const checks = flowChecks(client);
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
  checks.push(
    client.PreventUserExistenceErrors === 'ENABLED'
      ? ok('PreventUserExistenceErrors is ENABLED')
      : problem(
          `PreventUserExistenceErrors is ${client.PreventUserExistenceErrors ?? 'not set'}`,
          'sign-in answers UserNotFoundException for unknown names, telling anyone which users exist.',
          'set PreventUserExistenceErrors to ENABLED on the app client.',
        ),
  );
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
