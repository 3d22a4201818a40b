import { perEnvironment } from '../../../triggers/common/per-environment.ts';
import { LIMITS_TABLE_VARIABLE } from '../../../triggers/limits/dynamodb-store.ts';
import { passkeyChallengeHandler } from './challenge-handler.ts';
import { deployedPartyFromEnvironment, PASSKEYS_VARIABLE } from './deployed-party.ts';
import type { HttpRequestEvent, HttpResponse } from './http.ts';
import { passkeyManagementHandler } from './management-handler.ts';
import type { DeployedRelyingParty } from './relying-party.ts';

/** The environment variable naming the pool whose access tokens passkey management takes. */
export const USER_POOL_ID_VARIABLE = 'CUSTOM_AUTH_USER_POOL_ID';

/** Where GetUser is asked instead of the pool's region: the local pool's endpoint. */
export const COGNITO_ENDPOINT_VARIABLE = 'CUSTOM_AUTH_COGNITO_ENDPOINT';

type Handler = (event: HttpRequestEvent) => Promise<HttpResponse>;

/**
 * A handler made from the passkey settings on the first request, and again when a variable it
 * is made from changes: a setting that is wrong fails that request with its message.
 */
function fromEnvironment(
  names: readonly string[],
  make: (party: DeployedRelyingParty) => Handler,
): Handler {
  const handler = perEnvironment(names, () => {
    const party = deployedPartyFromEnvironment();
    if (!party) throw new Error(`Set ${PASSKEYS_VARIABLE} to the passkey settings.`);
    return make(party);
  });
  return async (event) => handler()(event);
}

const partyVariables = [PASSKEYS_VARIABLE, LIMITS_TABLE_VARIABLE];

/** Every variable `passkeyManagement` is made from (`passkeyChallenge`'s are among them). */
export const passkeyManagementVariables = [
  ...partyVariables,
  USER_POOL_ID_VARIABLE,
  COGNITO_ENDPOINT_VARIABLE,
];

/**
 * `passkeyChallengeHandler` for a function URL, with the settings of `CUSTOM_AUTH_PASSKEYS`
 * and the passkeys in the table `CUSTOM_AUTH_LIMITS_TABLE` names.
 */
export const passkeyChallenge: Handler = fromEnvironment(partyVariables, (party) =>
  passkeyChallengeHandler(party),
);

/**
 * `passkeyManagementHandler` for a function URL, as {@link passkeyChallenge}, taking the
 * access tokens of the pool `CUSTOM_AUTH_USER_POOL_ID` names.
 */
export const passkeyManagement: Handler = fromEnvironment(passkeyManagementVariables, (party) =>
  passkeyManagementHandler({
    ...party,
    userPoolId: process.env[USER_POOL_ID_VARIABLE]?.trim() ?? '',
    cognitoEndpoint: process.env[COGNITO_ENDPOINT_VARIABLE]?.trim() || undefined,
  }),
);
