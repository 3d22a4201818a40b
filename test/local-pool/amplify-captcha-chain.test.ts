import { signOut } from 'aws-amplify/auth';
import { describe, expect, it } from 'vitest';
import { LOCAL_CAPTCHA_TOKEN } from '../../src/triggers/index.ts';
import { settled, startOnAmplify } from '../support/amplify-machine.ts';
import { latestCode, localPoolForFile, registerUser } from '../support/local-pool.ts';

const pool = localPoolForFile({ flow: ['captcha', 'code', 'question'] });

describe('a chain of three without a password, through the statechart and the real Amplify client', () => {
  it('passes the local CAPTCHA, the code and the question, with a wrong answer at each', async () => {
    await registerUser(pool(), 'rita');
    const actor = startOnAmplify('passwordless');
    await settled(actor);
    actor.send({ type: 'SIGN_IN', username: 'rita' });
    expect((await settled(actor)).challenge).toMatchObject({
      type: 'captcha',
      provider: 'local',
      step: 1,
      steps: 3,
      attemptsLeft: 3,
    });

    const answer = async (value: string) => {
      actor.send({ type: 'ANSWER_CHALLENGE', answer: value });
      return settled(actor);
    };
    expect(await answer('forged-token')).toMatchObject({
      error: { code: 'WrongAnswer', attemptsLeft: 2 },
      challenge: { type: 'captcha', round: 2 },
    });
    expect(await answer(LOCAL_CAPTCHA_TOKEN)).toMatchObject({
      error: null,
      challenge: { type: 'code', step: 2, round: 1, deliveryMedium: 'EMAIL' },
    });
    const code = latestCode(pool(), 'rita');
    expect(await answer(code === '000000' ? '111111' : '000000')).toMatchObject({
      error: { code: 'WrongAnswer' },
      challenge: { type: 'code', step: 2, round: 2 },
    });
    expect(await answer(code)).toMatchObject({
      error: null,
      challenge: { type: 'text', step: 3, hint: 'What is the email address on this account?' },
    });
    expect(await answer('someone@example.com')).toMatchObject({
      error: { code: 'WrongAnswer' },
      challenge: { type: 'text', step: 3, round: 2 },
    });
    expect(await answer('rita@example.com')).toMatchObject({
      route: 'signedIn',
      user: { username: 'rita' },
    });
    actor.stop();
    await signOut();
  });
});
