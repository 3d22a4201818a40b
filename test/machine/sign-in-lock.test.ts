import { describe, expect, it } from 'vitest';
import { en, errorText } from '../../src/components/messages/index.ts';
import { cognitoError, fakeServices } from '../support/fake-services.ts';
import { atChallenge, settledOn, startMachine, view } from '../support/machine-harness.ts';

/** What Cognito answers when the kit's Create or Verify trigger refuses a locked username. */
const locked = (trigger: string, seconds: number) =>
  cognitoError(
    'UserLambdaValidationException',
    `${trigger} failed with error SignInLocked retryAfterSeconds=${seconds}: too many sign-in attempts, try again later.`,
  );

describe('customAuthMachine: a username locked by the triggers', () => {
  it('stays on sign in with SignInLocked and when to try again', async () => {
    const services = fakeServices({
      signIn: async () => {
        throw locked('CreateAuthChallenge', 600);
      },
    });
    const actor = startMachine(services);
    await settledOn(actor, 'signIn');
    const before = Date.now();
    actor.send({ type: 'SIGN_IN', username: 'alice' });
    await settledOn(actor, 'signIn');
    const { error } = view(actor);
    expect(error).toMatchObject({ code: 'SignInLocked' });
    expect(error && errorText(en, error)).toBe('Too many sign-in attempts. Try again in 10 min.');
    expect(error?.retryAt).toBeGreaterThanOrEqual(before + 600_000);
    expect(error?.retryAt).toBeLessThanOrEqual(Date.now() + 600_000);
  });

  it('ends the challenge when an answer meets the lock, keeping the username', async () => {
    const services = fakeServices({
      confirmSignIn: async () => {
        throw locked('VerifyAuthChallengeResponse', 61);
      },
    });
    const actor = await atChallenge(services);
    actor.send({ type: 'ANSWER_CHALLENGE', answer: '000000' });
    await settledOn(actor, 'signIn');
    const { error } = view(actor);
    expect(view(actor)).toMatchObject({ username: 'alice', challenge: null });
    expect(error?.code).toBe('SignInLocked');
    expect(error && errorText(en, error)).toBe('Too many sign-in attempts. Try again in 2 min.');
  });

  it('ends the challenge when a resend meets the lock', async () => {
    let signIns = 0;
    const services = fakeServices({
      signIn: async () => {
        signIns += 1;
        if (signIns > 1) throw locked('CreateAuthChallenge', 900);
        return { type: 'customChallenge', parameters: { codeLength: '6' } };
      },
    });
    const actor = await atChallenge(services, { resendCooldownMs: 0 });
    actor.send({ type: 'RESEND_CHALLENGE' });
    await settledOn(actor, 'signIn');
    expect(view(actor)).toMatchObject({ challenge: null, error: { code: 'SignInLocked' } });
  });

  it('treats any other trigger failure as TriggerFailed, on the challenge', async () => {
    const services = fakeServices({
      confirmSignIn: async () => {
        throw cognitoError(
          'UserLambdaValidationException',
          'VerifyAuthChallengeResponse failed with error SignInLocked soon.',
        );
      },
    });
    const actor = await atChallenge(services);
    actor.send({ type: 'ANSWER_CHALLENGE', answer: '000000' });
    await settledOn(actor, 'challenge');
    expect(view(actor).error?.code).toBe('TriggerFailed');
  });
});
