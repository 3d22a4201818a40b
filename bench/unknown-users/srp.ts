/**
 * Known versus unknown users on the pool's SRP paths: median time of InitiateAuth (USER_SRP_AUTH
 * and CUSTOM_AUTH with SRP_A) and of the PASSWORD_VERIFIER answer, 30 samples each, known and
 * unknown interleaved. Every unknown sample uses a new name, the costliest case. Prints figures;
 * asserts nothing.
 *
 *   npm run bench:unknown-users     (BENCH_SAMPLES=30 by default)
 */
import { type LocalPool, startLocalPool } from '../../src/local-pool/index.ts';
import {
  answerPasswordVerifier,
  startClient,
  type VerifierChallenge,
} from '../../test/support/srp-client.ts';

const samples = Number(process.env.BENCH_SAMPLES ?? 30);
const password = 'Correct-Horse-1';

async function post(pool: LocalPool, operation: string, body: object) {
  const response = await fetch(pool.endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
    },
    body: JSON.stringify({ ClientId: pool.userPoolClientId, ...body }),
  });
  return (await response.json()) as Record<string, unknown>;
}

async function register(pool: LocalPool, username: string) {
  await post(pool, 'SignUp', {
    Username: username,
    Password: password,
    UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }],
  });
  const code = pool.outbox(username).at(-1)?.code;
  await post(pool, 'ConfirmSignUp', { Username: username, ConfirmationCode: code });
}

async function timed<T>(run: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await run();
  return [performance.now() - started, result];
}

/** One SRP sign-in; the client's own math stays outside both timings. */
async function sample(pool: LocalPool, flow: 'USER_SRP_AUTH' | 'CUSTOM_AUTH', username: string) {
  const client = startClient();
  const [initiate, started] = await timed(() =>
    post(pool, 'InitiateAuth', {
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
    challenge: started.ChallengeParameters as VerifierChallenge,
  });
  const [respond] = await timed(() =>
    post(pool, 'RespondToAuthChallenge', {
      ChallengeName: 'PASSWORD_VERIFIER',
      Session: started.Session,
      ChallengeResponses: responses,
    }),
  );
  return { initiate, respond };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

const pool = await startLocalPool({
  port: 0,
  flow: 'passwordThenCode',
  log: () => {},
  explicitAuthFlows: ['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH'],
  sessionLimits: { perUser: 1_000 },
});
await register(pool, 'known');
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
