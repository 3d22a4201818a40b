import { CognitoApiError, callCognito } from '../../../shared/cognito-api.ts';
import { recordOwner } from '../../../triggers/limits/owner.ts';

/** Whom an access token signs in: their username, and the owner key their records use. */
export interface TokenUser {
  username: string;
  owner: string;
}

/** Refusals that mean the token is no good (expired, revoked, malformed, its user gone). */
const refusals = new Set([
  'NotAuthorizedException',
  'UserNotFoundException',
  'InvalidParameterException',
]);

/** How long GetUser may take before the request is answered as an outage. */
const GET_USER_TIMEOUT_MS = 5_000;

/**
 * Whether a token claims to be an access token of the pool: read, not trusted, so that
 * anything else costs no call. GetUser then proves the claim.
 */
function claimsAccessTo(token: string, userPoolId: string): boolean {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());
    return (
      claims?.token_use === 'access' &&
      typeof claims.iss === 'string' &&
      claims.iss.endsWith(`/${userPoolId}`)
    );
  } catch {
    return false;
  }
}

/**
 * Who an access token of the pool `userPoolId` belongs to, by Cognito's GetUser at
 * `endpoint`: Cognito checks the signature, the expiry and global sign-out, and no key needs
 * fetching here (GetUser takes any pool's token: the issuer is what names the pool, and only
 * a token Cognito signed gets past GetUser). Null for a token of another pool or one it
 * refuses; a throttle, an outage or no answer in 5 s throws, as no answer about the token.
 */
export const cognitoUserOf =
  (endpoint: string, userPoolId: string) =>
  async (accessToken: string): Promise<TokenUser | null> => {
    if (!claimsAccessTo(accessToken, userPoolId)) return null;
    let body: { Username?: unknown; UserAttributes?: { Name?: unknown; Value?: unknown }[] };
    try {
      body = await callCognito(
        endpoint,
        'GetUser',
        { AccessToken: accessToken },
        AbortSignal.timeout(GET_USER_TIMEOUT_MS),
      );
    } catch (error) {
      if (error instanceof CognitoApiError && refusals.has(error.name)) return null;
      throw error;
    }
    const sub = body.UserAttributes?.find(({ Name }) => Name === 'sub')?.Value;
    if (typeof body.Username !== 'string' || typeof sub !== 'string') return null;
    return {
      username: body.Username,
      owner: recordOwner(
        { userName: body.Username, request: { userAttributes: { sub } } },
        { caseSensitive: true },
      ),
    };
  };
