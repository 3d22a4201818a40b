/**
 * Local pool throughput and footprint: complete sign-ins per second through the real Amplify
 * client, requests per flow, and heap per 10,000 users. Prints figures; asserts nothing.
 *
 *   npm run bench:pool            (BENCH_SECONDS=5 BENCH_USERS=10000 by default)
 */
import { Amplify } from 'aws-amplify';
import { confirmSignIn, signIn, signOut } from 'aws-amplify/auth';
import { startLocalPool } from '../src/local-pool/index.ts';
import { registerOverHttp } from '../test/support/pool-http.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const userCount = Number(process.env.BENCH_USERS ?? 10_000);
const password = 'Correct-Horse-1';

/** Users to take turns, so that no one reaches the triggers' limit of codes per window. */
const rotation = 400;

async function signInRate(flow: 'passwordless' | 'passwordThenCode') {
  const pool = await startLocalPool({ port: 0, flow, log: () => {} });
  Amplify.configure(pool.amplifyConfig);
  const usernames = Array.from({ length: rotation }, (_, index) => `bench${index}`);
  for (const username of usernames) await registerOverHttp(pool, username);
  let signedIn = 0;
  let busyMs = 0;
  let requests = 0;
  const deadline = performance.now() + seconds * 1000;
  while (performance.now() < deadline) {
    const username = usernames[signedIn % rotation] ?? 'bench0';
    pool.resetRequestCounts();
    const started = performance.now();
    await (flow === 'passwordless'
      ? signIn({ username, options: { authFlowType: 'CUSTOM_WITHOUT_SRP' } })
      : signIn({ username, password, options: { authFlowType: 'CUSTOM_WITH_SRP' } }));
    const result = await confirmSignIn({
      challengeResponse: pool.outbox(username).at(-1)?.code ?? '',
    });
    busyMs += performance.now() - started;
    if (!result.isSignedIn) throw new Error('The benchmark sign-in did not complete.');
    requests = Object.values(pool.requestCounts()).reduce((sum, count) => sum + count, 0);
    signedIn++;
    await signOut();
  }
  await pool.close();
  return {
    flow,
    signedIn,
    perSecond: (signedIn / busyMs) * 1000,
    msEach: busyMs / signedIn,
    requests,
  };
}

async function heapPerTenThousandUsers() {
  const pool = await startLocalPool({ port: 0, log: () => {} });
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('Run with node --expose-gc to measure memory.');
  collect();
  const before = process.memoryUsage().heapUsed;
  const started = performance.now();
  const concurrency = 8;
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < userCount) await registerOverHttp(pool, `user${next++}`);
    }),
  );
  const elapsed = performance.now() - started;
  collect();
  const after = process.memoryUsage().heapUsed;
  await pool.close();
  return {
    bytesPer10k: ((after - before) / userCount) * 10_000,
    signUpsPerSecond: userCount / (elapsed / 1000),
  };
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

for (const flow of ['passwordless', 'passwordThenCode'] as const) {
  const { signedIn, perSecond, msEach, requests } = await signInRate(flow);
  console.log(
    `${flow.padEnd(17)} ${perSecond.toFixed(1).padStart(7)} sign-ins/s  ${msEach.toFixed(1)} ms each  ` +
      `${requests} requests per sign-in  (${signedIn} in ${seconds} s, Amplify client and pool in one process)`,
  );
}
const memory = await heapPerTenThousandUsers();
console.log(
  `memory            ${mib(memory.bytesPer10k)} heap per 10,000 users (${userCount} signed up and confirmed, ` +
    `${memory.signUpsPerSecond.toFixed(0)} sign-ups/s)`,
);
