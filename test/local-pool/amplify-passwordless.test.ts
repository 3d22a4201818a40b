import {
  autoSignIn,
  confirmSignIn,
  confirmSignUp,
  fetchAuthSession,
  fetchUserAttributes,
  getCurrentUser,
  signIn,
  signOut,
  signUp,
} from 'aws-amplify/auth';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { cognitoPost, latestCode, localPoolForFile, registerUser } from '../support/local-pool.ts';

const pool = localPoolForFile({ flow: 'passwordless' });

async function passwordlessSignIn(username: string) {
  return signIn({ username, options: { authFlowType: 'CUSTOM_WITHOUT_SRP' } });
}

describe('the local pool with the real Amplify client: passwordless', () => {
  it('signs up, confirms, signs in automatically, survives a wrong answer, and issues real tokens', async () => {
    const signedUp = await signUp({
      username: 'alice',
      password: 'Generated-Pass-1!',
      options: {
        userAttributes: { email: 'alice@example.com' },
        autoSignIn: { authFlowType: 'CUSTOM_WITHOUT_SRP' },
      },
    });
    expect(signedUp.nextStep).toEqual({
      signUpStep: 'CONFIRM_SIGN_UP',
      codeDeliveryDetails: {
        destination: 'a***@e***.com',
        deliveryMedium: 'EMAIL',
        attributeName: 'email',
      },
    });
    const confirmed = await confirmSignUp({
      username: 'alice',
      confirmationCode: latestCode(pool(), 'alice'),
    });
    expect(confirmed.nextStep.signUpStep).toBe('COMPLETE_AUTO_SIGN_IN');

    const challenge = await autoSignIn();
    expect(challenge.nextStep).toMatchObject({
      signInStep: 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE',
      additionalInfo: { type: 'code', destination: 'a***@e***.com', attemptsLeft: '3' },
    });
    const code = latestCode(pool(), 'alice');
    expect(JSON.stringify(challenge)).not.toContain(code);

    const wrong = await confirmSignIn({
      challengeResponse: code === '000000' ? '111111' : '000000',
    });
    expect(wrong.nextStep).toMatchObject({ additionalInfo: { attemptsLeft: '2' } });
    const done = await confirmSignIn({ challengeResponse: code });
    expect(done).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });

    const user = await getCurrentUser();
    expect(user.username).toBe('alice');
    const session = await fetchAuthSession();
    const jwks = createRemoteJWKSet(
      new URL(`${pool().endpoint}/${pool().userPoolId}/.well-known/jwks.json`),
    );
    const issuer = `${pool().endpoint}/${pool().userPoolId}`;
    const access = await jwtVerify(String(session.tokens?.accessToken), jwks, { issuer });
    expect(access.payload).toMatchObject({
      token_use: 'access',
      username: 'alice',
      client_id: pool().userPoolClientId,
      sub: user.userId,
    });
    const id = await jwtVerify(String(session.tokens?.idToken), jwks, {
      issuer,
      audience: pool().userPoolClientId,
    });
    expect(id.payload).toMatchObject({
      token_use: 'id',
      'cognito:username': 'alice',
      email: 'alice@example.com',
      email_verified: true,
    });

    await expect(fetchUserAttributes()).resolves.toMatchObject({
      email: 'alice@example.com',
      sub: user.userId,
    });

    const refreshed = await fetchAuthSession({ forceRefresh: true });
    expect(String(refreshed.tokens?.accessToken)).not.toBe(String(session.tokens?.accessToken));
    await jwtVerify(String(refreshed.tokens?.accessToken), jwks, { issuer });

    await signOut();
    await expect(getCurrentUser()).rejects.toMatchObject({ name: 'UserUnAuthenticatedException' });
    const accessToken = String(refreshed.tokens?.accessToken);
    const revoked = await cognitoPost(pool(), 'GetUser', { AccessToken: accessToken });
    expect(revoked).toMatchObject({ status: 400, body: { __type: 'NotAuthorizedException' } });
  });

  it('signs in with two requests to the pool', async () => {
    await registerUser(pool(), 'carol');
    pool().resetRequestCounts();
    await passwordlessSignIn('carol');
    await confirmSignIn({ challengeResponse: latestCode(pool(), 'carol') });
    expect(pool().requestCounts()).toEqual({ InitiateAuth: 1, RespondToAuthChallenge: 1 });
    await signOut();
  });

  it('sends one code per sign-in, reused across rounds, and fails after the last attempt', async () => {
    await registerUser(pool(), 'dave');
    const before = pool().outbox('dave').length;
    await passwordlessSignIn('dave');
    const code = latestCode(pool(), 'dave');
    const wrong = code === '999999' ? '888888' : '999999';
    await confirmSignIn({ challengeResponse: wrong });
    await confirmSignIn({ challengeResponse: wrong });
    expect(pool().outbox('dave').length).toBe(before + 1);
    await expect(confirmSignIn({ challengeResponse: wrong })).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
  });

  it('gives an unknown user the same challenge shape, sends nothing, and never lets it pass', async () => {
    await registerUser(pool(), 'erin');
    const known = await passwordlessSignIn('erin');
    const unknown = await passwordlessSignIn('nobody-here');
    const keys = (step: typeof known) =>
      Object.keys((step.nextStep as { additionalInfo?: object }).additionalInfo ?? {}).sort();
    expect(unknown.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE');
    expect(keys(unknown)).toEqual(keys(known));
    expect(pool().outbox('nobody-here')).toEqual([]);
    for (const guess of ['000000', '123456']) {
      const next = await confirmSignIn({ challengeResponse: guess }).catch((error: Error) => error);
      if (next instanceof Error) expect(next.name).toBe('NotAuthorizedException');
      else expect(next.isSignedIn).toBe(false);
    }
    await expect(confirmSignIn({ challengeResponse: '000001' })).rejects.toMatchObject({
      name: 'NotAuthorizedException',
    });
  });

  it('answers UserNotConfirmedException for an unconfirmed user, as Cognito does', async () => {
    await signUp({
      username: 'frank',
      password: 'Correct-Horse-1',
      options: { userAttributes: { email: 'frank@example.com' } },
    });
    const result = await passwordlessSignIn('frank');
    expect(result.nextStep.signInStep).toBe('CONFIRM_SIGN_UP');
  });
});
