import { describe, expect, it } from 'vitest';
import type { TriggerHandlers } from '../../src/local-pool/sign-in/trigger-runner.ts';
import {
  cognitoPost,
  initiateCustomAuth,
  poolsForEachTest,
  registerOverHttp,
} from '../support/local-pool.ts';

const start = poolsForEachTest();

interface OldEvent {
  request: { session: Array<{ challengeResult: boolean }>; challengeAnswer?: string };
  response: Record<string, unknown>;
}
interface OldContext {
  succeed: (result: unknown) => void;
  done: (error: unknown, result: unknown) => void;
}

/**
 * Triggers written the old way: plain functions of (event, context) that end with the
 * deprecated context.succeed / context.done, recording what they were given.
 */
function oldStyleTriggers(seen: { sessions: unknown[]; contexts: Record<string, unknown>[] }) {
  return {
    defineAuthChallenge: (event: OldEvent, context: OldContext) => {
      seen.sessions.push(event.request.session);
      seen.contexts.push(context as unknown as Record<string, unknown>);
      const { session } = event.request;
      if (session.length === 0) event.response.challengeName = 'CUSTOM_CHALLENGE';
      else if (session.at(-1)?.challengeResult) event.response.issueTokens = true;
      else event.response.failAuthentication = true;
      context.succeed(event);
    },
    createAuthChallenge: (event: OldEvent, context: OldContext) => {
      event.response.publicChallengeParameters = { hint: 'Say yes' };
      context.done(null, event);
    },
    verifyAuthChallengeResponse: (event: OldEvent, context: OldContext) => {
      event.response.answerCorrect = event.request.challengeAnswer === 'yes';
      context.succeed(event);
    },
  } as TriggerHandlers;
}

describe('trigger events and context as Lambda and Cognito give them', () => {
  it('passes a context with Lambda’s fields and its deprecated succeed and done, and null metadata', async () => {
    const seen = { sessions: [] as unknown[], contexts: [] as Record<string, unknown>[] };
    const pool = await start({ triggers: oldStyleTriggers(seen) });
    await registerOverHttp(pool, 'uma');
    const ClientId = pool.userPoolClientId;
    const started = await initiateCustomAuth(pool, 'uma');
    expect(started.body.ChallengeParameters).toMatchObject({ hint: 'Say yes' });
    const done = await cognitoPost(pool, 'RespondToAuthChallenge', {
      ClientId,
      ChallengeName: 'CUSTOM_CHALLENGE',
      Session: started.body.Session,
      ChallengeResponses: { USERNAME: 'uma', ANSWER: 'yes' },
    });
    expect(done.body.AuthenticationResult).toBeDefined();
    expect(seen.sessions.at(-1)).toEqual([
      { challengeName: 'CUSTOM_CHALLENGE', challengeResult: true, challengeMetadata: null },
    ]);
    const context = seen.contexts[0] ?? {};
    expect(context).toMatchObject({
      functionName: 'DefineAuthChallenge',
      functionVersion: '$LATEST',
      invokedFunctionArn: expect.stringMatching(/^arn:aws:lambda:/),
      memoryLimitInMB: '128',
      awsRequestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect((context.getRemainingTimeInMillis as () => number)()).toBeGreaterThan(0);
  });

  it('fails the sign-in with the trigger’s words when it calls context.fail', async () => {
    const pool = await start({
      triggers: {
        ...oldStyleTriggers({ sessions: [], contexts: [] }),
        createAuthChallenge: (_event: unknown, context: { fail: (error: Error) => void }) =>
          context.fail(new Error('no mail service')),
      } as TriggerHandlers,
    });
    await registerOverHttp(pool, 'vic');
    const started = await initiateCustomAuth(pool, 'vic');
    expect(started).toMatchObject({
      status: 400,
      body: {
        __type: 'UserLambdaValidationException',
        message: 'CreateAuthChallenge failed with error no mail service.',
      },
    });
  });
});
