import { describe, expect, it } from 'vitest';
import type { TriggerHandlers } from '../../src/local-pool/sign-in/trigger-runner.ts';
import {
  cognitoPost,
  initiateCustomAuth,
  poolsForEachTest,
  registerOverHttp,
} from '../support/local-pool.ts';

const start = poolsForEachTest();

interface Seen {
  trigger: string;
  clientMetadata: unknown;
}

/** Triggers that ask one question and record the ClientMetadata each call was given. */
function recordingTriggers(seen: Seen[]): TriggerHandlers {
  const record = (trigger: string, event: { request: { clientMetadata?: unknown } }) =>
    seen.push({ trigger, clientMetadata: event.request.clientMetadata });
  return {
    defineAuthChallenge: async (event) => {
      record('define', event);
      const { session } = event.request;
      if (session.length === 0) event.response.challengeName = 'CUSTOM_CHALLENGE';
      else event.response.issueTokens = session.at(-1)?.challengeResult === true;
      event.response.failAuthentication = session.length > 0 && !event.response.issueTokens;
      return event;
    },
    createAuthChallenge: async (event) => {
      record('create', event);
      event.response.publicChallengeParameters = { hint: 'Say yes' };
      return event;
    },
    verifyAuthChallengeResponse: async (event) => {
      record('verify', event);
      event.response.answerCorrect = event.request.challengeAnswer === 'yes';
      return event;
    },
  };
}

describe('ClientMetadata reaches the challenge triggers as Cognito passes it', () => {
  it('gives them none of InitiateAuth’s, and RespondToAuthChallenge’s to each it runs', async () => {
    const seen: Seen[] = [];
    const pool = await start({ triggers: recordingTriggers(seen) });
    await registerOverHttp(pool, 'quinn');
    const ClientId = pool.userPoolClientId;
    const started = await initiateCustomAuth(pool, 'quinn', {
      ClientMetadata: { from: 'initiate' },
    });
    expect(seen.map(({ trigger }) => trigger)).toEqual(['define', 'create']);
    expect(seen.every(({ clientMetadata }) => JSON.stringify(clientMetadata) === '{}')).toBe(true);
    seen.length = 0;
    const done = await cognitoPost(pool, 'RespondToAuthChallenge', {
      ClientId,
      ChallengeName: 'CUSTOM_CHALLENGE',
      Session: started.body.Session,
      ChallengeResponses: { USERNAME: 'quinn', ANSWER: 'yes' },
      ClientMetadata: { from: 'respond' },
    });
    expect(done.body.AuthenticationResult).toBeDefined();
    expect(seen).toEqual([
      { trigger: 'verify', clientMetadata: { from: 'respond' } },
      { trigger: 'define', clientMetadata: { from: 'respond' } },
    ]);
  });
});
