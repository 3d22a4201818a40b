/**
 * Can the answer time tell who exists? Median InitiateAuth (CUSTOM_AUTH) time for a real
 * user and for unknown ones, against a pool whose Create trigger sends through a sender as
 * slow as Amazon SES (120 ms, a little jitter). Prints figures; asserts nothing.
 *
 *   npm run bench:unknown-users        (BENCH_SAMPLES=30 by default)
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { startLocalPool } from '../../src/local-pool/index.ts';
import {
  createCreateAuthChallenge,
  createDefineAuthChallenge,
  createMemoryAttemptStore,
  createVerifyAuthChallengeResponse,
} from '../../src/triggers/index.ts';
import { cognitoPost, registerOverHttp } from '../../test/support/pool-http.ts';
import { median } from '../median.ts';

const samples = Number(process.env.BENCH_SAMPLES ?? 30);
const senderMs = 120;

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
await registerOverHttp(pool, 'known');

async function initiateAuthMs(username: string) {
  const started = performance.now();
  await cognitoPost(pool, 'InitiateAuth', {
    ClientId: pool.userPoolClientId,
    AuthFlow: 'CUSTOM_AUTH',
    AuthParameters: { USERNAME: username },
  });
  return performance.now() - started;
}

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
