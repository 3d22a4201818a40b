// The pool's HTTP API without Amplify and without Vitest, so benchmarks share it with tests.
import type { LocalPool } from '../../src/local-pool/index.ts';

/** The newest code the pool or its triggers sent to this user. */
export function latestCode(pool: LocalPool, username: string): string {
  const entry = pool.outbox(username).at(-1);
  if (!entry) throw new Error(`No code was sent to ${username}.`);
  return entry.code;
}

export async function cognitoPost(
  pool: LocalPool,
  operation: string,
  body: unknown,
  init: { target?: string; rawBody?: string } = {},
) {
  const response = await fetch(pool.endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': init.target ?? `AWSCognitoIdentityProviderService.${operation}`,
    },
    body: init.rawBody ?? JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Registers and confirms a user over the pool's HTTP API, without Amplify. */
export async function registerOverHttp(
  pool: LocalPool,
  username: string,
  password = 'Correct-Horse-1',
): Promise<void> {
  const ClientId = pool.userPoolClientId;
  const signUp = await cognitoPost(pool, 'SignUp', {
    ClientId,
    Username: username,
    Password: password,
    UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }],
  });
  if (signUp.status !== 200) throw new Error(`SignUp ${username}: ${JSON.stringify(signUp.body)}`);
  await cognitoPost(pool, 'ConfirmSignUp', {
    ClientId,
    Username: username,
    ConfirmationCode: latestCode(pool, username),
  });
}

export interface HttpTokens {
  AccessToken: string;
  IdToken: string;
  RefreshToken: string;
}

/** A passwordless sign-in over raw HTTP, answering with the code the pool sent. */
/** InitiateAuth with CUSTOM_AUTH and no SRP_A, through the main client unless told another. */
export function initiateCustomAuth(
  pool: LocalPool,
  username: string,
  more: { ClientId?: string; ClientMetadata?: Record<string, string> } = {},
) {
  return cognitoPost(pool, 'InitiateAuth', {
    ClientId: pool.userPoolClientId,
    AuthFlow: 'CUSTOM_AUTH',
    AuthParameters: { USERNAME: username },
    ...more,
  });
}

export async function signInOverHttp(pool: LocalPool, username: string) {
  const ClientId = pool.userPoolClientId;
  const started = await initiateCustomAuth(pool, username);
  const answered = await cognitoPost(pool, 'RespondToAuthChallenge', {
    ClientId,
    ChallengeName: 'CUSTOM_CHALLENGE',
    Session: started.body.Session,
    ChallengeResponses: { USERNAME: username, ANSWER: latestCode(pool, username) },
  });
  return answered.body.AuthenticationResult as HttpTokens | undefined;
}
