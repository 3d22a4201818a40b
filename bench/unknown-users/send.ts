/**
 * Can the answer time tell who exists? Median InitiateAuth (CUSTOM_AUTH) time for a real
 * user and for unknown ones, against a pool whose Create trigger sends through a sender as
 * slow as Amazon SES (120 ms, a little jitter). Prints figures; asserts nothing.
 *
 *   npm run bench:unknown-users        (BENCH_SAMPLES=30 by default)
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { type LocalPool, startLocalPool } from '../../src/local-pool/index.ts';
import {
  createCreateAuthChallenge,
  createDefineAuthChallenge,
  createMemoryAttemptStore,
  createVerifyAuthChallengeResponse,
} from '../../src/triggers/index.ts';

const samples = Number(process.env.BENCH_SAMPLES ?? 30);
const senderMs = 120;

async function post(pool: LocalPool, operation: string, body: object) {
  const response = await fetch(pool.endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
    },
    body: JSON.stringify({ ClientId: pool.userPoolClientId, ...body }),
  });
  if (!response.ok) throw new Error(`${operation}: ${await response.text()}`);
  return response.json() as Promise<Record<string, unknown>>;
}

const limits = { store: createMemoryAttemptStore(), maxCodes: 100 };
const pool = await startLocalPool({
  port: 0,
  log: () => {},
  triggers: {
    defineAuthChallenge: createDefineAuthChallenge(),
    createAuthChallenge: createCreateAuthChallenge({
      limits,
      sendCode: () => sleep(senderMs + Math.random() * 10),
    }),
    verifyAuthChallengeResponse: createVerifyAuthChallengeResponse({ limits }),
  },
});
// Registering needs the pool's own confirmation code, which its outbox keeps.
await post(pool, 'SignUp', {
  Username: 'known',
  Password: 'Correct-Horse-1',
  UserAttributes: [{ Name: 'email', Value: 'known@example.com' }],
});
await post(pool, 'ConfirmSignUp', {
  Username: 'known',
  ConfirmationCode: pool.outbox('known').at(-1)?.code,
});

async function initiateAuthMs(username: string) {
  const started = performance.now();
  await post(pool, 'InitiateAuth', {
    AuthFlow: 'CUSTOM_AUTH',
    AuthParameters: { USERNAME: username },
  });
  return performance.now() - started;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

const known: number[] = [];
const unknown: number[] = [];
// Interleaved, so drift in the machine's load touches both alike.
for (let sample = 0; sample < samples; sample++) {
  known.push(await initiateAuthMs('known'));
  unknown.push(await initiateAuthMs(`unknown-${sample}`));
}
await pool.close();
const [knownMs, unknownMs] = [median(known), median(unknown)];
console.log(
  `InitiateAuth median, ${samples} samples each, ${senderMs} ms sender: known ${knownMs.toFixed(1)} ms, ` +
    `unknown ${unknownMs.toFixed(1)} ms, difference ${Math.abs(knownMs - unknownMs).toFixed(1)} ms`,
);
