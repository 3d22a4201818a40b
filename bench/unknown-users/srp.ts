/**
 * Known versus unknown users on the pool's SRP paths: median time of InitiateAuth (USER_SRP_AUTH
 * and CUSTOM_AUTH with SRP_A) and of the PASSWORD_VERIFIER answer, 30 samples each, known and
 * unknown interleaved. Every unknown sample uses a new name, the costliest case. Prints figures;
 * asserts nothing.
 *
 *   npm run bench:unknown-users     (BENCH_SAMPLES=30 by default)
 */
import { type LocalPool, startLocalPool } from '../../src/local-pool/index.ts';
import { cognitoPost, registerOverHttp } from '../../test/support/pool-http.ts';
import {
  answerPasswordVerifier,
  startClient,
  type VerifierChallenge,
} from '../../test/support/srp-client.ts';
import { median } from '../median.ts';

const samples = Number(process.env.BENCH_SAMPLES ?? 30);
const password = 'Correct-Horse-1';

async function timed<T>(run: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await run();
  return [performance.now() - started, result];
}

/** One SRP sign-in; the client's own math stays outside both timings. */
async function sample(pool: LocalPool, flow: 'USER_SRP_AUTH' | 'CUSTOM_AUTH', username: string) {
  const client = startClient();
  const [initiate, started] = await timed(() =>
    cognitoPost(pool, 'InitiateAuth', {
      ClientId: pool.userPoolClientId,
      AuthFlow: flow,
      AuthParameters: {
        USERNAME: username,
        SRP_A: client.srpA,
        ...(flow === 'CUSTOM_AUTH' ? { CHALLENGE_NAME: 'SRP_A' } : {}),
      },
    }),
  );
  const { responses } = answerPasswordVerifier({
    poolName: 'CustomAuth',
    password,
    a: client.a,
    challenge: started.body.ChallengeParameters as VerifierChallenge,
  });
  const [respond] = await timed(() =>
    cognitoPost(pool, 'RespondToAuthChallenge', {
      ClientId: pool.userPoolClientId,
      ChallengeName: 'PASSWORD_VERIFIER',
      Session: started.body.Session,
      ChallengeResponses: responses,
    }),
  );
  return { initiate, respond };
}

const pool = await startLocalPool({
  port: 0,
  flow: 'passwordThenCode',
  log: () => {},
  explicitAuthFlows: ['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH'],
  sessionLimits: { perUser: 1_000 },
});
await registerOverHttp(pool, 'known');
for (const flow of ['USER_SRP_AUTH', 'CUSTOM_AUTH'] as const) {
  const figures = {
    known: { initiate: [] as number[], respond: [] as number[] },
    unknown: { initiate: [] as number[], respond: [] as number[] },
  };
  // Warm-up, not counted.
  await sample(pool, flow, 'known');
  await sample(pool, flow, 'warm-up-ghost');
  for (let index = 0; index < samples; index++) {
    for (const who of ['known', 'unknown'] as const) {
      const result = await sample(pool, flow, who === 'known' ? 'known' : `ghost-${flow}-${index}`);
      figures[who].initiate.push(result.initiate);
      figures[who].respond.push(result.respond);
    }
  }
  const line = (step: 'initiate' | 'respond') => {
    const known = median(figures.known[step]);
    const unknown = median(figures.unknown[step]);
    return `${step === 'initiate' ? 'InitiateAuth         ' : 'PASSWORD_VERIFIER    '} known ${known.toFixed(2)} ms  unknown ${unknown.toFixed(2)} ms  difference ${(unknown - known).toFixed(2)} ms`;
  };
  console.log(`${flow} (median of ${samples})`);
  console.log(`  ${line('initiate')}`);
  console.log(`  ${line('respond')}`);
}
await pool.close();
