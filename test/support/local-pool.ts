import { Amplify } from 'aws-amplify';
import { confirmSignUp, signOut, signUp } from 'aws-amplify/auth';
import { afterAll, afterEach, beforeAll } from 'vitest';
import {
  type LocalPool,
  type LocalPoolOptions,
  startLocalPool,
} from '../../src/local-pool/index.ts';
import { latestCode } from './pool-http.ts';

export {
  cognitoPost,
  type HttpTokens,
  initiateCustomAuth,
  latestCode,
  registerOverHttp,
  signInOverHttp,
} from './pool-http.ts';

/** A pool on a free port for the whole file, with Amplify pointed at it. */
export function localPoolForFile(options: LocalPoolOptions = {}): () => LocalPool {
  let pool: LocalPool | undefined;
  beforeAll(async () => {
    pool = await startLocalPool({ port: 0, log: () => {}, ...options });
    Amplify.configure(pool.amplifyConfig);
  });
  afterAll(async () => {
    await signOut().catch(() => {});
    await pool?.close();
  });
  return () => {
    if (!pool) throw new Error('The local pool has not started yet.');
    return pool;
  };
}

/** Registers and confirms a user through Amplify, as an app would. */
export async function registerUser(
  pool: LocalPool,
  username: string,
  password = 'Correct-Horse-1',
): Promise<void> {
  await signUp({
    username,
    password,
    options: { userAttributes: { email: `${username}@example.com` } },
  });
  await confirmSignUp({ username, confirmationCode: latestCode(pool, username) });
}

/** Starts pools on free ports; every pool a test started is closed after it. */
export function poolsForEachTest(defaults: LocalPoolOptions = {}) {
  const pools: LocalPool[] = [];
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((pool) => pool.close()));
  });
  return async (options: LocalPoolOptions = {}) => {
    const pool = await startLocalPool({ port: 0, log: () => {}, ...defaults, ...options });
    pools.push(pool);
    return pool;
  };
}
