import { fileURLToPath } from 'node:url';
import { confirmSignIn, getCurrentUser, signIn, signOut } from 'aws-amplify/auth';
import { describe, expect, it } from 'vitest';
import { localPoolForFile, registerUser } from '../support/local-pool.ts';

const pool = localPoolForFile({
  triggers: fileURLToPath(
    new URL('../fixtures/amplify-cli-boilerplate/triggers-password.cjs', import.meta.url),
  ),
});

describe('the reference handlers (password variant), loaded from CommonJS modules', () => {
  it('complete the password variant through Amplify', async () => {
    await registerUser(pool(), 'ivan', 'Ivan-Password-9');
    const step = await signIn({
      username: 'ivan',
      password: 'Ivan-Password-9',
      options: { authFlowType: 'CUSTOM_WITH_SRP' },
    });
    expect(step.nextStep).toEqual({
      signInStep: 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE',
      additionalInfo: { hint: 'Enter the secret code', USERNAME: 'ivan' },
    });
    const issued = pool().challenges('ivan').at(-1);
    expect(issued?.privateChallengeParameters.answer).toMatch(/^\d{6}$/);
    const done = await confirmSignIn({
      challengeResponse: String(issued?.privateChallengeParameters.answer),
    });
    expect(done.isSignedIn).toBe(true);
    expect((await getCurrentUser()).username).toBe('ivan');
    await signOut();
  });

  it('fail a wrong answer at once, as the reference Define does', async () => {
    await registerUser(pool(), 'judy', 'Judy-Password-9');
    await signIn({
      username: 'judy',
      password: 'Judy-Password-9',
      options: { authFlowType: 'CUSTOM_WITH_SRP' },
    });
    await expect(confirmSignIn({ challengeResponse: 'not-the-code' })).rejects.toMatchObject({
      name: 'NotAuthorizedException',
    });
  });
});
