import { confirmSignIn, getCurrentUser, signIn, signOut, signUp } from 'aws-amplify/auth';
import { describe, expect, it } from 'vitest';
import { latestCode, localPoolForFile, registerUser } from '../support/local-pool.ts';

const pool = localPoolForFile({ flow: 'passwordless', caseSensitive: true });

async function passwordlessSignIn(username: string) {
  const started = await signIn({ username, options: { authFlowType: 'CUSTOM_WITHOUT_SRP' } });
  expect(started.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE');
  return confirmSignIn({ challengeResponse: latestCode(pool(), username) });
}

describe('the real Amplify client against a case-sensitive pool', () => {
  it('signs up and signs in "Alice" and "alice" as two users', async () => {
    await registerUser(pool(), 'Alice');
    await registerUser(pool(), 'alice');
    for (const username of ['alice', 'Alice']) {
      expect(await passwordlessSignIn(username)).toMatchObject({ isSignedIn: true });
      expect(await getCurrentUser()).toMatchObject({ username });
      await signOut();
    }
  });

  it('refuses a second "Alice", and a name in another case is a sign-in that never passes', async () => {
    await expect(
      signUp({
        username: 'Alice',
        password: 'Correct-Horse-1',
        options: { userAttributes: { email: 'another@example.com' } },
      }),
    ).rejects.toMatchObject({ name: 'UsernameExistsException' });
    const started = await signIn({
      username: 'ALICE',
      options: { authFlowType: 'CUSTOM_WITHOUT_SRP' },
    });
    expect(started.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE');
    expect(pool().outbox('ALICE')).toEqual([]);
    const answered = await confirmSignIn({ challengeResponse: latestCode(pool(), 'Alice') });
    expect(answered.isSignedIn).toBe(false);
  });
});
