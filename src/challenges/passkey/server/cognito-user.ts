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

/**
 * Who an access token belongs to, by Cognito's GetUser at `endpoint`: Cognito checks the
 * signature, the expiry and global sign-out, and no key needs fetching here. Null for a token
 * it refuses; a throttle or an outage throws, as no answer about the token.
 */
export const cognitoUserOf =
  (endpoint: string) =>
  async (accessToken: string): Promise<TokenUser | null> => {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.GetUser',
      },
      body: JSON.stringify({ AccessToken: accessToken }),
    });
    const body = (await response.json().catch(() => ({}))) as {
      __type?: string;
      Username?: unknown;
      UserAttributes?: { Name?: unknown; Value?: unknown }[];
    };
    const refused =
      String(body.__type ?? '')
        .split('#')
        .pop() ?? '';
    if (!response.ok && refusals.has(refused)) return null;
    if (!response.ok) throw new Error(`Cognito's GetUser answered ${response.status} ${refused}.`);
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
