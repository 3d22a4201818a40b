import { randomBytes } from 'node:crypto';

/** A counter in its window: how many events so far, and when the window ends (epoch ms). */
export interface AttemptCount {
  count: number;
  resetAt: number;
}

/**
 * Counters that outlive a Lambda invocation: codes sent and wrong answers per username.
 * Every counter runs in a fixed window that starts with its first event; once the window
 * ends the counter starts again from zero. Implementations must be atomic across processes
 * (two Lambdas counting at once must never both pass the limit).
 */
export interface AttemptStore {
  /** The running counter of `key`, or undefined when it has none (never counted, or expired). */
  get(key: string, now: number): Promise<AttemptCount | undefined>;
  /**
   * Adds one unless the counter already reached `limit` in its window, starting a new window
   * of `windowMs` when none runs. `allowed` says whether this event was counted.
   */
  increment(
    key: string,
    limit: number,
    windowMs: number,
    now: number,
  ): Promise<AttemptCount & { allowed: boolean }>;
  /**
   * Gives back one event counted in the window that ends at `resetAt`; nothing once that
   * window has ended or been replaced, so a late give-back never lowers a newer window.
   */
  decrement(key: string, resetAt: number): Promise<void>;
  /**
   * A random key made once for this store and kept with it, the same for every Lambda that
   * uses the store. Unknown users' decoys derive from it: stable everywhere, and impossible to
   * recompute for anyone without it (the derivation itself is public).
   */
  secret(): Promise<string>;
}

/**
 * Counters in this process's memory: the local pool's store and the tests'. On AWS, Create
 * and Verify run in different Lambdas, so use the DynamoDB store there.
 */
export function createMemoryAttemptStore(options: { secret?: string } = {}): AttemptStore {
  const secret = options.secret ?? randomBytes(32).toString('base64url');
  const counters = new Map<string, AttemptCount>();
  let writesSinceSweep = 0;
  const sweep = (now: number) => {
    writesSinceSweep = 0;
    for (const [key, counter] of counters) if (counter.resetAt <= now) counters.delete(key);
  };
  const running = (key: string, now: number) => {
    const counter = counters.get(key);
    return counter && counter.resetAt > now ? counter : undefined;
  };
  return {
    async get(key, now) {
      const counter = running(key, now);
      return counter && { ...counter };
    },
    async increment(key, limit, windowMs, now) {
      // Ended windows are dropped now and then, so memory follows the active usernames only.
      if (++writesSinceSweep >= 1024) sweep(now);
      const counter = running(key, now) ?? { count: 0, resetAt: now + windowMs };
      if (counter.count >= limit) return { ...counter, allowed: false };
      const next = { count: counter.count + 1, resetAt: counter.resetAt };
      counters.set(key, next);
      return { ...next, allowed: true };
    },
    secret: async () => secret,
    async decrement(key, resetAt) {
      const counter = counters.get(key);
      if (counter?.resetAt === resetAt && counter.count > 0) counter.count -= 1;
    },
  };
}
