import { invalidParameter } from '../protocol/errors.ts';

/**
 * An app client's explicit auth flows, as `DescribeUserPoolClient` reports them (the current
 * `ALLOW_` names; the legacy ones cannot be mixed with them and are not modelled).
 */
export const explicitAuthFlowNames = [
  'ALLOW_CUSTOM_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_USER_AUTH',
  'ALLOW_ADMIN_USER_PASSWORD_AUTH',
] as const;

export type ExplicitAuthFlow = (typeof explicitAuthFlowNames)[number];

/**
 * What the kit needs, and nothing that signs in with a password alone: `CUSTOM_WITH_SRP`
 * runs inside CUSTOM_AUTH, so ALLOW_USER_SRP_AUTH is not needed for it.
 */
export const defaultExplicitAuthFlows: readonly ExplicitAuthFlow[] = [
  'ALLOW_CUSTOM_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
];

const legacyNames = new Set(['ADMIN_NO_SRP_AUTH', 'CUSTOM_AUTH_FLOW_ONLY', 'USER_PASSWORD_AUTH']);

/** Checks a list of flow names; throws an Error that says which name is wrong and why. */
export function parseExplicitAuthFlows(names: readonly string[]): ExplicitAuthFlow[] {
  const flows = new Set<ExplicitAuthFlow>();
  for (const raw of names) {
    const name = raw.trim();
    if ((explicitAuthFlowNames as readonly string[]).includes(name)) {
      flows.add(name as ExplicitAuthFlow);
    } else if (legacyNames.has(name)) {
      throw new Error(
        `${name} is a legacy explicit auth flow; use the ALLOW_ names (${explicitAuthFlowNames.join(', ')}).`,
      );
    } else {
      throw new Error(
        `Unknown explicit auth flow ${JSON.stringify(name)}; expected some of ${explicitAuthFlowNames.join(', ')}.`,
      );
    }
  }
  return [...flows];
}

/** Every AuthFlow value the Cognito API knows, in the order its validation message lists them. */
const authFlowValues = [
  'USER_SRP_AUTH',
  'REFRESH_TOKEN_AUTH',
  'REFRESH_TOKEN',
  'CUSTOM_AUTH',
  'ADMIN_NO_SRP_AUTH',
  'USER_PASSWORD_AUTH',
  'ADMIN_USER_PASSWORD_AUTH',
  'USER_AUTH',
];

/** The explicit flow each InitiateAuth flow needs; REFRESH_TOKEN is another name for REFRESH_TOKEN_AUTH. */
const flagFor: Record<string, { flag: ExplicitAuthFlow; name: string }> = {
  USER_SRP_AUTH: { flag: 'ALLOW_USER_SRP_AUTH', name: 'USER_SRP_AUTH' },
  REFRESH_TOKEN_AUTH: { flag: 'ALLOW_REFRESH_TOKEN_AUTH', name: 'REFRESH_TOKEN_AUTH' },
  REFRESH_TOKEN: { flag: 'ALLOW_REFRESH_TOKEN_AUTH', name: 'REFRESH_TOKEN_AUTH' },
  CUSTOM_AUTH: { flag: 'ALLOW_CUSTOM_AUTH', name: 'CUSTOM_AUTH' },
  USER_PASSWORD_AUTH: { flag: 'ALLOW_USER_PASSWORD_AUTH', name: 'USER_PASSWORD_AUTH' },
  USER_AUTH: { flag: 'ALLOW_USER_AUTH', name: 'USER_AUTH' },
};

/**
 * Refuses an InitiateAuth flow the way Cognito does: a value outside the enum fails
 * validation, the admin flows belong to AdminInitiateAuth, and any other flow must be
 * enabled on the app client.
 */
export function checkInitiateAuthFlow(flow: string, enabled: ReadonlySet<ExplicitAuthFlow>): void {
  if (!authFlowValues.includes(flow)) {
    throw invalidParameter(
      `1 validation error detected: Value '${flow}' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: [${authFlowValues.join(', ')}]`,
    );
  }
  const needed = flagFor[flow];
  if (!needed) throw invalidParameter('Initiate Auth method not supported.');
  if (!enabled.has(needed.flag)) {
    throw invalidParameter(`${needed.name} flow not enabled for this client`);
  }
}

/** GetTokensFromRefreshToken is the refresh flow too, and needs the same explicit flow. */
export function checkRefreshAllowed(enabled: ReadonlySet<ExplicitAuthFlow>): void {
  checkInitiateAuthFlow('REFRESH_TOKEN_AUTH', enabled);
}
