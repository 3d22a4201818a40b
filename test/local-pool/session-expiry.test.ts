import { confirmSignIn, signIn } from 'aws-amplify/auth';
import { describe, expect, it } from 'vitest';
import { latestCode, localPoolForFile, registerUser } from '../support/local-pool.ts';

const pool = localPoolForFile({ sessionValiditySeconds: 1 });

describe('challenge sessions', () => {
  it('expire after the session validity, with NotAuthorizedException', async () => {
    await registerUser(pool(), 'kim');
    await signIn({ username: 'kim', options: { authFlowType: 'CUSTOM_WITHOUT_SRP' } });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await expect(
      confirmSignIn({ challengeResponse: latestCode(pool(), 'kim') }),
    ).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: expect.stringMatching(/session/i),
    });
  });
});
