import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserAttribute,
  CognitoUserPool,
  type CognitoUserSession,
  type IAuthenticationCallback,
} from 'amazon-cognito-identity-js';
import { describe, expect, it } from 'vitest';
import type { LocalPool } from '../../src/local-pool/index.ts';
import { latestCode, poolsForEachTest } from '../support/local-pool.ts';

const start = poolsForEachTest();

const userPool = (pool: LocalPool) =>
  new CognitoUserPool({
    UserPoolId: pool.userPoolId,
    ClientId: pool.userPoolClientId,
    endpoint: pool.endpoint,
  });

/** identity-js's callbacks as promises: what the next step asks, or the session. */
type Outcome =
  | { kind: 'challenge'; parameters: Record<string, string> }
  | { kind: 'session'; session: CognitoUserSession };

function outcome(run: (callbacks: IAuthenticationCallback) => void): Promise<Outcome> {
  return new Promise((resolve, reject) =>
    run({
      onSuccess: (session) => resolve({ kind: 'session', session }),
      onFailure: reject,
      customChallenge: (parameters) => resolve({ kind: 'challenge', parameters }),
    }),
  );
}

async function register(pool: LocalPool, username: string, password = 'Correct-Horse-1') {
  const email = new CognitoUserAttribute({ Name: 'email', Value: `${username}@example.com` });
  await new Promise((resolve, reject) =>
    userPool(pool).signUp(username, password, [email], [], (error, result) =>
      error ? reject(error) : resolve(result),
    ),
  );
  const user = new CognitoUser({ Username: username, Pool: userPool(pool) });
  await new Promise((resolve, reject) =>
    user.confirmRegistration(latestCode(pool, username), true, (error, result) =>
      error ? reject(error) : resolve(result),
    ),
  );
}

function customAuthUser(pool: LocalPool, username: string) {
  const user = new CognitoUser({ Username: username, Pool: userPool(pool) });
  user.setAuthenticationFlowType('CUSTOM_AUTH');
  return user;
}

const answer = (user: CognitoUser, value: string) =>
  outcome((callbacks) => user.sendCustomChallengeAnswer(value, callbacks));

describe('the pool through amazon-cognito-identity-js', () => {
  it('signs up, confirms, and signs in passwordless with initiateAuth and sendCustomChallengeAnswer', async () => {
    const pool = await start({ flow: 'passwordless' });
    await register(pool, 'zoe');
    const user = customAuthUser(pool, 'zoe');
    const first = await outcome((callbacks) =>
      user.initiateAuth(new AuthenticationDetails({ Username: 'zoe' }), callbacks),
    );
    expect(first).toMatchObject({
      kind: 'challenge',
      parameters: { type: 'code', attemptsLeft: '3', USERNAME: 'zoe' },
    });
    const code = latestCode(pool, 'zoe');
    expect(await answer(user, code === '000000' ? '111111' : '000000')).toMatchObject({
      kind: 'challenge',
      parameters: { attemptsLeft: '2' },
    });
    const done = await answer(user, code);
    if (done.kind !== 'session') throw new Error('expected a session');
    expect(done.session.isValid()).toBe(true);
    expect(done.session.getIdToken().payload).toMatchObject({
      'cognito:username': 'zoe',
      email_verified: true,
    });

    const attributes = await new Promise<CognitoUserAttribute[] | undefined>((resolve, reject) =>
      user.getUserAttributes((error, result) => (error ? reject(error) : resolve(result))),
    );
    expect(attributes?.map((attribute) => [attribute.getName(), attribute.getValue()])).toEqual(
      expect.arrayContaining([
        ['email', 'zoe@example.com'],
        ['email_verified', 'true'],
      ]),
    );

    const refreshed = await new Promise<CognitoUserSession>((resolve, reject) =>
      user.refreshSession(done.session.getRefreshToken(), (error, session) =>
        error ? reject(error) : resolve(session),
      ),
    );
    expect(refreshed.getAccessToken().payload.username).toBe('zoe');

    await new Promise((resolve, reject) =>
      user.globalSignOut({ onSuccess: resolve, onFailure: reject }),
    );
    // Its refresh retries every error for seconds, so the revocation is read through GetUser.
    const afterSignOut = await new Promise((resolve) =>
      user.getUserAttributes((error) => resolve(error)),
    );
    expect(afterSignOut).toMatchObject({
      code: 'NotAuthorizedException',
      message: 'Access Token has been revoked',
    });
  });

  it('signs in with a password, then the code, with authenticateUser and CUSTOM_AUTH (SRP)', async () => {
    const pool = await start({ flow: 'passwordThenCode' });
    await register(pool, 'abe', 'Abe-Password-9');
    const user = customAuthUser(pool, 'abe');
    const details = new AuthenticationDetails({ Username: 'abe', Password: 'Abe-Password-9' });
    const challenge = await outcome((callbacks) => user.authenticateUser(details, callbacks));
    expect(challenge).toMatchObject({ kind: 'challenge', parameters: { type: 'code', step: '2' } });
    expect(await answer(user, latestCode(pool, 'abe'))).toMatchObject({ kind: 'session' });
  });

  it('ends a wrong password with Cognito’s error, not a challenge', async () => {
    const pool = await start({ flow: 'passwordThenCode' });
    await register(pool, 'bo', 'Bo-Password-9');
    const user = customAuthUser(pool, 'bo');
    const details = new AuthenticationDetails({ Username: 'bo', Password: 'Not-The-Password-1' });
    await expect(
      outcome((callbacks) => user.authenticateUser(details, callbacks)),
    ).rejects.toMatchObject({
      code: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
  });
});
