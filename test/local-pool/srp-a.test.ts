import { describe, expect, it } from 'vitest';
import type { TriggerHandlers } from '../../src/local-pool/sign-in/trigger-runner.ts';
import { cognitoPost, poolsForEachTest, registerOverHttp } from '../support/local-pool.ts';
import { PRIME, startClient } from '../support/srp-client.ts';

const start = poolsForEachTest({
  explicitAuthFlows: ['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH'],
});

/** A Define that answers everything with CUSTOM_CHALLENGE, counting its calls. */
function customChallengeTriggers(calls: string[]): TriggerHandlers {
  return {
    defineAuthChallenge: async (event) => {
      calls.push('define');
      event.response.challengeName = 'CUSTOM_CHALLENGE';
      return event;
    },
    createAuthChallenge: async (event) => {
      event.response.publicChallengeParameters = { hint: 'anything' };
      return event;
    },
    verifyAuthChallengeResponse: async (event) => event,
  };
}

const notGroupElements = [
  ['not hex', 'zz'],
  ['hex with a sign', '-1'],
  ['zero', '0'],
  ['N itself', PRIME.toString(16)],
  ['a multiple of N', (PRIME * 3n).toString(16)],
];

describe('InitiateAuth refuses an SRP_A that is no group element', () => {
  it.each(notGroupElements)('in CUSTOM_AUTH (%s), before any trigger runs', async (_, SRP_A) => {
    const calls: string[] = [];
    const pool = await start({ triggers: customChallengeTriggers(calls) });
    await registerOverHttp(pool, 'rae');
    for (const extra of [{ CHALLENGE_NAME: 'SRP_A' }, {}]) {
      const response = await cognitoPost(pool, 'InitiateAuth', {
        ClientId: pool.userPoolClientId,
        AuthFlow: 'CUSTOM_AUTH',
        AuthParameters: { USERNAME: 'rae', SRP_A, ...extra },
      });
      expect(response).toMatchObject({
        status: 400,
        body: { __type: 'InvalidParameterException', message: expect.stringMatching(/SRP_A/) },
      });
    }
    expect(calls).toEqual([]);
  });

  it.each(notGroupElements)(
    'in USER_SRP_AUTH (%s), for known and unknown users',
    async (_, SRP_A) => {
      const pool = await start();
      await registerOverHttp(pool, 'sam');
      for (const USERNAME of ['sam', 'nobody']) {
        const response = await cognitoPost(pool, 'InitiateAuth', {
          ClientId: pool.userPoolClientId,
          AuthFlow: 'USER_SRP_AUTH',
          AuthParameters: { USERNAME, SRP_A },
        });
        expect(response.body).toMatchObject({ __type: 'InvalidParameterException' });
      }
    },
  );

  it('still takes a real client’s SRP_A, in either case of hex digits', async () => {
    const calls: string[] = [];
    const pool = await start({ triggers: customChallengeTriggers(calls) });
    await registerOverHttp(pool, 'tia');
    for (const SRP_A of [startClient().srpA, startClient().srpA.toUpperCase()]) {
      const response = await cognitoPost(pool, 'InitiateAuth', {
        ClientId: pool.userPoolClientId,
        AuthFlow: 'CUSTOM_AUTH',
        AuthParameters: { USERNAME: 'tia', SRP_A, CHALLENGE_NAME: 'SRP_A' },
      });
      expect(response.body).toMatchObject({ ChallengeName: 'CUSTOM_CHALLENGE' });
    }
  });
});
