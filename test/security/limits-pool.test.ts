import { confirmSignIn, signIn } from 'aws-amplify/auth';
import { describe, expect, it } from 'vitest';
import { en, errorText } from '../../src/components/messages/index.ts';
import { amplifyServices } from '../../src/machine/amplify.ts';
import { toAuthError } from '../../src/machine/errors.ts';
import { localPoolForFile, registerUser } from '../support/local-pool.ts';

const pool = localPoolForFile({
  flow: 'passwordless',
  limits: { maxCodes: 3, maxWrongAnswers: 4 },
});

const startSignIn = (username: string) =>
  signIn({ username, options: { authFlowType: 'CUSTOM_WITHOUT_SRP' } });

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the request to fail');
}

describe('limits across sign-ins, through the pool and the real Amplify client', () => {
  it('sends no more than maxCodes codes, then answers a lock the kit reads as SignInLocked', async () => {
    await registerUser(pool(), 'carol');
    const sentBefore = pool().outbox('carol').length;
    for (let signIn = 0; signIn < 3; signIn++) await startSignIn('carol');
    const error = await failure(startSignIn('carol'));
    expect(error).toMatchObject({ name: 'UserLambdaValidationException' });
    expect(toAuthError(error)).toMatchObject({ code: 'SignInLocked' });
    expect(errorText(en, toAuthError(error))).toMatch(
      /^Too many sign-in attempts\. Try again in 1 min\.$/,
    );
    expect(pool().outbox('carol').length - sentBefore).toBe(3);
  });

  it('locks a username after maxWrongAnswers wrong answers across sessions', async () => {
    await registerUser(pool(), 'dave');
    await startSignIn('dave');
    for (let wrong = 0; wrong < 2; wrong++) {
      const step = await confirmSignIn({ challengeResponse: '000000' });
      expect(step.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE');
    }
    // A new session does not bring the wrong answers back.
    await startSignIn('dave');
    await confirmSignIn({ challengeResponse: '000000' });
    const locked = await failure(confirmSignIn({ challengeResponse: '000000' }));
    expect(toAuthError(locked).code).toBe('SignInLocked');
    const sent = pool().outbox('dave').length;
    expect(toAuthError(await failure(startSignIn('dave'))).code).toBe('SignInLocked');
    expect(pool().outbox('dave')).toHaveLength(sent);
  });

  it('locks a username that does not exist the same way', async () => {
    for (let signIn = 0; signIn < 3; signIn++) {
      const step = await startSignIn('nobody-here');
      expect(step.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE');
    }
    const error = await failure(startSignIn('nobody-here'));
    expect(toAuthError(error).code).toBe('SignInLocked');
    expect(pool().outbox('nobody-here')).toEqual([]);
  });

  it('reaches the hook through the kit’s own services', async () => {
    const error = await failure(
      amplifyServices.signIn({ username: 'carol', password: undefined, flow: 'passwordless' }),
    );
    expect(toAuthError(error).code).toBe('SignInLocked');
  });
});
