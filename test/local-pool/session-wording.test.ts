import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { LocalPool } from '../../src/local-pool/index.ts';
import {
  cognitoPost,
  initiateCustomAuth,
  latestCode,
  poolsForEachTest,
  registerOverHttp,
} from '../support/local-pool.ts';

const start = poolsForEachTest();

function answer(pool: LocalPool, Session: unknown, USERNAME: string, ANSWER: string) {
  return cognitoPost(pool, 'RespondToAuthChallenge', {
    ClientId: pool.userPoolClientId,
    ChallengeName: 'CUSTOM_CHALLENGE',
    Session,
    ChallengeResponses: { USERNAME, ANSWER },
  });
}

const refusal = (message: string) => ({
  status: 400,
  body: { __type: 'NotAuthorizedException', message },
});

describe('a dead session is worded as Cognito words it', () => {
  it('calls a session the pool never issued invalid, not expired', async () => {
    const pool = await start();
    await registerOverHttp(pool, 'nia');
    const started = await initiateCustomAuth(pool, 'nia');
    const real = String(started.body.Session);
    // One character changed: the shape of a real session, but not one the pool issued.
    const forged = `${real.slice(0, 10)}${real[10] === 'A' ? 'B' : 'A'}${real.slice(11)}`;
    for (const Session of ['forged', forged]) {
      expect(await answer(pool, Session, 'nia', '000000')).toMatchObject(
        refusal('Invalid session for the user.'),
      );
    }
  });

  it('says a session that was answered can only be used once', async () => {
    const pool = await start();
    await registerOverHttp(pool, 'ola');
    const started = await initiateCustomAuth(pool, 'ola');
    const first = await answer(pool, started.body.Session, 'ola', 'wrong');
    expect(first.body).toMatchObject({ ChallengeName: 'CUSTOM_CHALLENGE' });
    expect(await answer(pool, started.body.Session, 'ola', latestCode(pool, 'ola'))).toMatchObject(
      refusal('Invalid session for the user, session can only be used once.'),
    );
  });

  it('says an issued session is expired once it is, even after newer sign-ins swept it away', async () => {
    const pool = await start({ sessionValiditySeconds: 1 });
    await registerOverHttp(pool, 'pia');
    const started = await initiateCustomAuth(pool, 'pia');
    await sleep(1_100);
    await initiateCustomAuth(pool, 'pia');
    expect(await answer(pool, started.body.Session, 'pia', latestCode(pool, 'pia'))).toMatchObject(
      refusal('Invalid session for the user, session is expired.'),
    );
  });
});
