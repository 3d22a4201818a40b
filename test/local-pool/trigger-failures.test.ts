import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LambdaHandler, TriggerHandlers } from '../../src/local-pool/index.ts';
import { CognitoError } from '../../src/local-pool/protocol/errors.ts';
import { triggerFailureLine } from '../../src/local-pool/sign-in/trigger-responses.ts';
import {
  codeStep,
  createCustomAuthTriggers,
  createMemoryAttemptStore,
} from '../../src/triggers/index.ts';
import {
  cognitoPost,
  initiateCustomAuth,
  poolsForEachTest,
  registerOverHttp,
} from '../support/local-pool.ts';

const startPool = poolsForEachTest();

/** A pool running these triggers, with every line it prints kept. */
async function poolWith(triggers: TriggerHandlers) {
  const lines: string[] = [];
  const pool = await startPool({ triggers, log: (line) => lines.push(line) });
  return { pool, lines };
}

const asksForAnswer: LambdaHandler = async (event) => {
  event.response.challengeName = 'CUSTOM_CHALLENGE';
  event.response.issueTokens = event.request.session.at(-1)?.challengeResult === true;
  event.response.failAuthentication = false;
};
const createsChallenge: LambdaHandler = async (event) => {
  event.response.publicChallengeParameters = { hint: 'The word' };
  event.response.privateChallengeParameters = { answer: 'private-answer-7731' };
};

describe('a trigger failing under the pool', () => {
  afterEach(() => vi.unstubAllEnvs());

  it("delivers the default SES sender's code to the outbox: a chain as deployed runs offline", async () => {
    vi.stubEnv('CUSTOM_AUTH_SENDER_EMAIL', '');
    // A chain as an app deploys it, with the default sender: on Lambda the code goes to SES.
    const { pool, lines } = await poolWith(
      createCustomAuthTriggers({
        steps: [codeStep()],
        limits: { store: createMemoryAttemptStore() },
      }),
    );
    await registerOverHttp(pool, 'alice');
    lines.length = 0;
    const response = await initiateCustomAuth(pool, 'alice');
    expect(response.body.ChallengeName).toBe('CUSTOM_CHALLENGE');
    expect(pool.outbox('alice').at(-1)).toMatchObject({
      destination: 'alice@example.com',
      code: expect.stringMatching(/^\d{6}$/),
    });
    expect(lines).toEqual([
      expect.stringMatching(/^sign-in code for alice \(alice@example.com\): \d{6}$/),
    ]);
  });

  it('prints a failing Verify, a bad answer from Create and a multi-line message, never the event', async () => {
    let verifyFails = true;
    let createAnswers: 'well' | 'badly' = 'well';
    const { pool, lines } = await poolWith({
      defineAuthChallenge: asksForAnswer,
      createAuthChallenge: async (event) => {
        await createsChallenge(event, {}, undefined);
        if (createAnswers === 'badly') event.response.publicChallengeParameters = { attempts: 3 };
      },
      verifyAuthChallengeResponse: async (event) => {
        if (verifyFails) throw new Error('the answer store is down\n  at line two');
        event.response.answerCorrect = event.request.challengeAnswer === 'private-answer-7731';
      },
    });
    await registerOverHttp(pool, 'bob');
    lines.length = 0;
    const started = await initiateCustomAuth(pool, 'bob');
    expect(lines).toEqual([]);
    const answered = await cognitoPost(pool, 'RespondToAuthChallenge', {
      ClientId: pool.userPoolClientId,
      ChallengeName: 'CUSTOM_CHALLENGE',
      Session: started.body.Session,
      ChallengeResponses: { USERNAME: 'bob', ANSWER: 'guess' },
    });
    expect(answered.body.__type).toBe('UserLambdaValidationException');
    verifyFails = false;
    createAnswers = 'badly';
    const again = await initiateCustomAuth(pool, 'bob');
    expect(again.body.__type).toBe('InvalidLambdaResponseException');
    expect(lines).toEqual([
      "bob's sign-in: VerifyAuthChallengeResponse failed with error the answer store is down at line two. (answered UserLambdaValidationException)",
      "bob's sign-in: CreateAuthChallenge returned public parameters with a value that is not a string. (answered InvalidLambdaResponseException)",
    ]);
    expect(lines.join('\n')).not.toContain('private-answer-7731');
  });

  it('prints nothing for a refusal that is no trigger failure', async () => {
    const { pool, lines } = await poolWith({
      defineAuthChallenge: asksForAnswer,
      createAuthChallenge: createsChallenge,
      verifyAuthChallengeResponse: async () => {},
    });
    lines.length = 0;
    const response = await cognitoPost(pool, 'RespondToAuthChallenge', {
      ClientId: pool.userPoolClientId,
      ChallengeName: 'CUSTOM_CHALLENGE',
      Session: 'not-a-session',
      ChallengeResponses: { USERNAME: 'carol', ANSWER: 'x' },
    });
    expect(response.body.__type).toBe('NotAuthorizedException');
    expect(lines).toEqual([]);
  });

  it('prints a trigger that timed out, and nothing for other refusals', () => {
    expect(
      triggerFailureLine(
        'dan',
        new CognitoError('UnexpectedLambdaException', 'DefineAuthChallenge timed out.'),
      ),
    ).toBe("dan's sign-in: DefineAuthChallenge timed out. (answered UnexpectedLambdaException)");
    expect(triggerFailureLine('dan', new CognitoError('NotAuthorizedException', 'No.'))).toBe(
      undefined,
    );
    expect(triggerFailureLine('dan', new Error('internal'))).toBe(undefined);
  });
});
