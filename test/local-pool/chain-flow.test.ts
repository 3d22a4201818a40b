import { describe, expect, it } from 'vitest';
import { LOCAL_CAPTCHA_TOKEN } from '../../src/triggers/index.ts';
import {
  cognitoPost,
  initiateCustomAuth,
  latestCode,
  poolsForEachTest,
  registerOverHttp,
} from '../support/local-pool.ts';

const start = poolsForEachTest();

describe('a pool whose built-in triggers run a chain (--flow code,question)', () => {
  it('asks for the code, then the account’s email address, then signs in', async () => {
    const pool = await start({ flow: ['code', 'question'] });
    await registerOverHttp(pool, 'lena');
    const ClientId = pool.userPoolClientId;
    const respond = (Session: unknown, ANSWER: string) =>
      cognitoPost(pool, 'RespondToAuthChallenge', {
        ClientId,
        ChallengeName: 'CUSTOM_CHALLENGE',
        Session,
        ChallengeResponses: { USERNAME: 'lena', ANSWER },
      });
    const started = await initiateCustomAuth(pool, 'lena');
    expect(started.body.ChallengeParameters).toMatchObject({ type: 'code', step: '1', steps: '2' });
    const question = await respond(started.body.Session, latestCode(pool, 'lena'));
    expect(question.body.ChallengeParameters).toMatchObject({
      type: 'text',
      hint: 'What is the email address on this account?',
      step: '2',
    });
    const wrong = await respond(question.body.Session, 'someone@example.com');
    expect(wrong.body.ChallengeParameters).toMatchObject({ type: 'text', attemptsLeft: '2' });
    const done = await respond(wrong.body.Session, ' LENA@example.com ');
    expect(done.body.AuthenticationResult).toMatchObject({ AccessToken: expect.any(String) });
  });

  it('takes the local CAPTCHA’s token, then the code (--flow captcha,code)', async () => {
    const pool = await start({ flow: ['captcha', 'code'] });
    await registerOverHttp(pool, 'milo');
    const ClientId = pool.userPoolClientId;
    const started = await initiateCustomAuth(pool, 'milo');
    expect(started.body.ChallengeParameters).toMatchObject({
      type: 'captcha',
      provider: 'local',
      siteKey: 'local',
      step: '1',
      steps: '2',
    });
    const code = await cognitoPost(pool, 'RespondToAuthChallenge', {
      ClientId,
      ChallengeName: 'CUSTOM_CHALLENGE',
      Session: started.body.Session,
      ChallengeResponses: { USERNAME: 'milo', ANSWER: LOCAL_CAPTCHA_TOKEN },
    });
    expect(code.body.ChallengeParameters).toMatchObject({ type: 'code', step: '2' });
  });
});

describe('a pool whose app clients run flows of their own (extraClients[].flow)', () => {
  it('runs the chain of the client that started the sign-in, and the pool’s flow for others', async () => {
    const pool = await start({
      flow: 'passwordless',
      extraClients: [
        {
          clientId: 'question+client',
          explicitAuthFlows: ['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
          flow: ['question'],
        },
      ],
    });
    await registerOverHttp(pool, 'nora');
    const initiate = (ClientId: string) => initiateCustomAuth(pool, 'nora', { ClientId });
    const main = await initiate(pool.userPoolClientId);
    expect(main.body.ChallengeParameters).toMatchObject({ type: 'code' });
    const other = await initiate('question+client');
    expect(other.body.ChallengeParameters).toMatchObject({ type: 'text', step: '1', steps: '1' });
    const done = await cognitoPost(pool, 'RespondToAuthChallenge', {
      ClientId: 'question+client',
      ChallengeName: 'CUSTOM_CHALLENGE',
      Session: other.body.Session,
      ChallengeResponses: { USERNAME: 'nora', ANSWER: 'nora@example.com' },
    });
    expect(done.body.AuthenticationResult).toMatchObject({ AccessToken: expect.any(String) });
  });
});

describe('a chain of steps the pool does not know', () => {
  it.each([
    [{ flow: ['code', 'riddle'] as never }],
    [
      {
        extraClients: [
          {
            clientId: 'x+y',
            explicitAuthFlows: ['ALLOW_CUSTOM_AUTH' as const],
            flow: ['riddle'] as never,
          },
        ],
      },
    ],
  ])('is refused at start with the steps it knows: %j', async (options) => {
    await expect(start(options)).rejects.toThrow(
      'Unknown chain step "riddle": use password, code, codeByChoice, question, captcha, magicLink, passkey, passkeyOrCode, passkeyEnrollment.',
    );
  });
});
