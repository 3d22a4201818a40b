import { confirmSignIn, signIn, signOut } from 'aws-amplify/auth';
import { describe, expect, it } from 'vitest';
import { latestCode, localPoolForFile, registerUser } from '../support/local-pool.ts';

const pool = localPoolForFile({ flow: 'either' });

describe('a pool whose built-in triggers follow the client (flow: either)', () => {
  it('signs in without a password, and with one, for the same user', async () => {
    await registerUser(pool(), 'rita', 'Rita-Password-9');
    await signIn({ username: 'rita', options: { authFlowType: 'CUSTOM_WITHOUT_SRP' } });
    expect(
      (await confirmSignIn({ challengeResponse: latestCode(pool(), 'rita') })).isSignedIn,
    ).toBe(true);
    await signOut();

    pool().resetRequestCounts();
    await signIn({
      username: 'rita',
      password: 'Rita-Password-9',
      options: { authFlowType: 'CUSTOM_WITH_SRP' },
    });
    expect(
      (await confirmSignIn({ challengeResponse: latestCode(pool(), 'rita') })).isSignedIn,
    ).toBe(true);
    expect(pool().requestCounts()).toEqual({ InitiateAuth: 1, RespondToAuthChallenge: 2 });
    await signOut();

    await expect(
      signIn({
        username: 'rita',
        password: 'Wrong-Password-9',
        options: { authFlowType: 'CUSTOM_WITH_SRP' },
      }),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException' });
  });
});
