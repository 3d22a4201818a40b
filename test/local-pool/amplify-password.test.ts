import { confirmSignIn, getCurrentUser, signIn, signOut } from 'aws-amplify/auth';
import { describe, expect, it } from 'vitest';
import { latestCode, localPoolForFile, registerUser } from '../support/local-pool.ts';

const pool = localPoolForFile({ flow: 'passwordThenCode' });

const passwordSignIn = (username: string, password: string) =>
  signIn({ username, password, options: { authFlowType: 'CUSTOM_WITH_SRP' } });

describe('the local pool with the real Amplify client: password then code', () => {
  it('verifies the password by SRP, then asks for the code, in three requests', async () => {
    await registerUser(pool(), 'grace', 'Grace-Password-9');
    pool().resetRequestCounts();
    const step = await passwordSignIn('grace', 'Grace-Password-9');
    expect(step.nextStep).toMatchObject({
      signInStep: 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE',
      additionalInfo: { destination: 'g***@e***.com', attemptsLeft: '3' },
    });
    const done = await confirmSignIn({ challengeResponse: latestCode(pool(), 'grace') });
    expect(done.isSignedIn).toBe(true);
    expect(pool().requestCounts()).toEqual({ InitiateAuth: 1, RespondToAuthChallenge: 2 });
    expect((await getCurrentUser()).username).toBe('grace');
    await signOut();
  });

  it('refuses a wrong password and sends no code', async () => {
    await registerUser(pool(), 'heidi', 'Heidi-Password-9');
    const sent = pool().outbox('heidi').length;
    await expect(passwordSignIn('heidi', 'Wrong-Password-9')).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    expect(pool().outbox('heidi').length).toBe(sent);
  });

  it('treats an unknown user like a wrong password', async () => {
    await expect(passwordSignIn('nobody-at-all', 'Some-Password-9')).rejects.toMatchObject({
      name: 'NotAuthorizedException',
    });
  });
});
