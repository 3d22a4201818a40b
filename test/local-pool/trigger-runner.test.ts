import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type LambdaHandler, startLocalPool } from '../../src/local-pool/index.ts';
import { loadTriggerModule } from '../../src/local-pool/sign-in/trigger-module.ts';
import { invokeTrigger } from '../../src/local-pool/sign-in/trigger-runner.ts';
import { cognitoPost } from '../support/local-pool.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const event = () => ({ response: { answerCorrect: false } });

describe('invokeTrigger', () => {
  it.each<[string, LambdaHandler]>([
    [
      'returns the event from an async handler',
      async (e) => ({ ...e, response: { answerCorrect: true } }),
    ],
    [
      'takes the mutated event from an async handler that returns nothing',
      async (e) => {
        e.response.answerCorrect = true;
      },
    ],
    [
      'waits for the callback of a callback-style handler',
      (e, _context, callback) => {
        setTimeout(() => callback(null, { ...e, response: { answerCorrect: true } }), 5);
      },
    ],
    [
      'takes the mutated event from a sync handler',
      (e) => {
        e.response.answerCorrect = true;
      },
    ],
  ])('%s', async (_, handler) => {
    await expect(invokeTrigger('Verify', handler, event())).resolves.toMatchObject({
      response: { answerCorrect: true },
    });
  });

  it.each<[string, LambdaHandler]>([
    [
      'a throw',
      () => {
        throw new Error('boom');
      },
    ],
    ['a rejection', async () => Promise.reject(new Error('boom'))],
    ['a callback error', (_e, _c, callback) => callback(new Error('boom'))],
  ])('turns %s into UserLambdaValidationException', async (_, handler) => {
    await expect(
      invokeTrigger('VerifyAuthChallengeResponse', handler, event()),
    ).rejects.toMatchObject({
      type: 'UserLambdaValidationException',
      message: 'VerifyAuthChallengeResponse failed with error boom.',
    });
  });

  describe('with fake timers', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    it('gives up on a handler that never finishes', async () => {
      const hanging = invokeTrigger('Define', (_e, _c, _callback) => {}, event());
      const outcome = expect(hanging).rejects.toMatchObject({ type: 'UnexpectedLambdaException' });
      await vi.advanceTimersByTimeAsync(5_000);
      await outcome;
    });
  });
});

describe('loadTriggerModule', () => {
  it('loads ESM and CommonJS modules', async () => {
    for (const name of ['esm-triggers.mjs', 'amplify-cli-boilerplate/triggers-password.cjs']) {
      const handlers = await loadTriggerModule(fixture(name));
      expect(Object.values(handlers).every((handler) => typeof handler === 'function')).toBe(true);
    }
  });

  it('names the handlers a module is missing', async () => {
    await expect(loadTriggerModule(fixture('../support/local-pool.ts'))).rejects.toThrow(
      /must export the trigger handlers defineAuthChallenge, createAuthChallenge, verifyAuthChallengeResponse/,
    );
  });
});

describe('the pool running user triggers', () => {
  it('completes a sign-in with callback, mutating and returning handlers', async () => {
    const pool = await startLocalPool({
      port: 0,
      log: () => {},
      triggers: fixture('esm-triggers.mjs'),
    });
    try {
      const ClientId = pool.userPoolClientId;
      await cognitoPost(pool, 'SignUp', {
        ClientId,
        Username: 'quinn',
        Password: 'Correct-Horse-1',
        UserAttributes: [{ Name: 'email', Value: 'q@example.com' }],
      });
      await cognitoPost(pool, 'ConfirmSignUp', {
        ClientId,
        Username: 'quinn',
        ConfirmationCode: pool.outbox('quinn')[0]?.code,
      });
      const started = await cognitoPost(pool, 'InitiateAuth', {
        ClientId,
        AuthFlow: 'CUSTOM_AUTH',
        AuthParameters: { USERNAME: 'quinn' },
      });
      expect(started.body.ChallengeParameters).toEqual({
        hint: 'What is the magic word?',
        USERNAME: 'quinn',
      });
      const answer = (Session: unknown, ANSWER: string) =>
        cognitoPost(pool, 'RespondToAuthChallenge', {
          ClientId,
          ChallengeName: 'CUSTOM_CHALLENGE',
          Session,
          ChallengeResponses: { USERNAME: 'quinn', ANSWER },
        });
      const wrong = await answer(started.body.Session, 'now');
      expect(wrong.body.ChallengeName).toBe('CUSTOM_CHALLENGE');
      const replay = await answer(started.body.Session, 'please');
      expect(replay.body.__type).toBe('NotAuthorizedException');
      const right = await answer(wrong.body.Session, 'please');
      expect(right.body.AuthenticationResult).toHaveProperty('IdToken');
    } finally {
      await pool.close();
    }
  });

  it('answers a trigger error of several lines and any characters, whole in the body', async () => {
    const failing: LambdaHandler = () => {
      throw new Error('first line\n  second line \u2014 caf\u00e9 \u{1f511}');
    };
    const pool = await startLocalPool({
      port: 0,
      log: () => {},
      triggers: {
        defineAuthChallenge: failing,
        createAuthChallenge: failing,
        verifyAuthChallengeResponse: failing,
      },
    });
    try {
      const response = await fetch(pool.endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth',
        },
        body: JSON.stringify({
          ClientId: pool.userPoolClientId,
          AuthFlow: 'CUSTOM_AUTH',
          AuthParameters: { USERNAME: 'anyone' },
        }),
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('x-amzn-errortype')).toBe('UserLambdaValidationException');
      expect(response.headers.get('x-amzn-errormessage')).toBe(
        'DefineAuthChallenge failed with error first line second line ? caf? ??.',
      );
      expect(await response.json()).toEqual({
        __type: 'UserLambdaValidationException',
        message:
          'DefineAuthChallenge failed with error first line\n  second line \u2014 caf\u00e9 \u{1f511}.',
      });
    } finally {
      await pool.close();
    }
  });

  it('answers a throwing trigger with UserLambdaValidationException and keeps serving', async () => {
    const failing: LambdaHandler = () => {
      throw new Error('no challenges today');
    };
    const pool = await startLocalPool({
      port: 0,
      log: () => {},
      preventUserExistenceErrors: true,
      triggers: {
        defineAuthChallenge: failing,
        createAuthChallenge: failing,
        verifyAuthChallengeResponse: failing,
      },
    });
    try {
      for (let attempt = 0; attempt < 2; attempt++) {
        const response = await cognitoPost(pool, 'InitiateAuth', {
          ClientId: pool.userPoolClientId,
          AuthFlow: 'CUSTOM_AUTH',
          AuthParameters: { USERNAME: 'anyone' },
        });
        expect(response).toEqual({
          status: 400,
          body: {
            __type: 'UserLambdaValidationException',
            message: 'DefineAuthChallenge failed with error no challenges today.',
          },
        });
      }
    } finally {
      await pool.close();
    }
  });
});
