import { describe, expect, it } from 'vitest';
import { sendCodeToOutbox, sendLinkToOutbox } from '../../src/local-pool/index.ts';
import { runWithOutbox } from '../../src/local-pool/local-aids/outbox-senders.ts';
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

/** An app's own chain, as it would deploy it, with the pool's outbox as its sender. */
const appTriggers = () =>
  createCustomAuthTriggers({
    steps: [codeStep({ codeLength: 8, sendCode: sendCodeToOutbox })],
    limits: { store: createMemoryAttemptStore() },
  });

const event = (userName: string) => ({ userName });

describe('sendCodeToOutbox in triggers the pool runs', () => {
  it('puts the code in the outbox, /_local/outbox and the log, and the code signs in', async () => {
    const lines: string[] = [];
    const pool = await startPool({ triggers: appTriggers(), log: (line) => lines.push(line) });
    await registerOverHttp(pool, 'alice');
    const started = await initiateCustomAuth(pool, 'alice');
    const sent = pool.outbox('alice').at(-1);
    expect(sent).toMatchObject({
      username: 'alice',
      destination: 'alice@example.com',
      kind: 'challenge',
      code: expect.stringMatching(/^\d{8}$/),
    });
    const listed = (await (
      await fetch(`${pool.endpoint}/_local/outbox?username=alice`)
    ).json()) as unknown[];
    expect(listed.at(-1)).toEqual(sent);
    expect(lines).toContain(`sign-in code for alice (alice@example.com): ${sent?.code}`);
    const answered = await cognitoPost(pool, 'RespondToAuthChallenge', {
      ClientId: pool.userPoolClientId,
      ChallengeName: 'CUSTOM_CHALLENGE',
      Session: started.body.Session,
      ChallengeResponses: { USERNAME: 'alice', ANSWER: sent?.code },
    });
    expect(answered.body.AuthenticationResult).toHaveProperty('AccessToken');
  });

  it('sends to the outbox of the pool running the trigger, when two pools share the process', async () => {
    const triggers = appTriggers();
    const [first, second] = await Promise.all([startPool({ triggers }), startPool({ triggers })]);
    await registerOverHttp(first, 'bob');
    await registerOverHttp(second, 'bob');
    await initiateCustomAuth(second, 'bob');
    expect(first.outbox('bob').map((entry) => entry.kind)).toEqual(['signUp']);
    expect(second.outbox('bob').map((entry) => entry.kind)).toEqual(['signUp', 'challenge']);
  });

  it('sends a link and its code', async () => {
    const sends: unknown[] = [];
    await runWithOutbox({ send: (entry) => sends.push(entry) }, () =>
      sendLinkToOutbox({
        destination: 'carol@example.com',
        link: 'http://localhost:5173/#token',
        code: '123456',
        event: event('carol'),
      }),
    );
    expect(sends).toEqual([
      {
        username: 'carol',
        destination: 'carol@example.com',
        code: '123456',
        link: 'http://localhost:5173/#token',
      },
    ]);
  });

  it('fails outside the pool, saying where it works', async () => {
    const input = { destination: 'dan@example.com', code: '123456', event: event('dan') };
    await expect(sendCodeToOutbox(input)).rejects.toThrow(
      /^sendCodeToOutbox sends to the local pool's outbox, so it works only in triggers the local pool runs \(cognito-custom-auth-pool --triggers, or startLocalPool\(\{ triggers \}\)\)/,
    );
    await expect(sendLinkToOutbox({ ...input, link: 'http://localhost/' })).rejects.toThrow(
      /^sendLinkToOutbox sends to the local pool's outbox/,
    );
  });
});
