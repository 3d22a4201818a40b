import { createHash } from 'node:crypto';
import { type AttemptCount, type AttemptStore, createMemoryAttemptStore } from './attempt-store.ts';
import { createDynamoDbAttemptStore, LIMITS_TABLE_VARIABLE } from './dynamodb-store.ts';

/**
 * Limits per username that hold across sign-ins: without them, starting over gives a fresh
 * code and fresh attempts, so a six-digit code could be guessed and a mailbox flooded.
 */
export interface SignInLimits {
  /** Where the counters live. Default: {@link limitsStoreFromEnvironment}. */
  store?: AttemptStore;
  /** Codes sent per username per window, 1 to 100. Default 5. */
  maxCodes?: number;
  /** Wrong answers per username per window, 1 to 1000. Default 10. */
  maxWrongAnswers?: number;
  /** The window in seconds, 60 to 86,400; a username stays locked until it ends. Default 900. */
  windowSeconds?: number;
}

export type ResolvedSignInLimits = Required<Omit<SignInLimits, 'store'>> & {
  store: () => AttemptStore;
};

export const defaultSignInLimits = { maxCodes: 5, maxWrongAnswers: 10, windowSeconds: 900 };

/**
 * Thrown by Create and Verify. Cognito passes nothing from a trigger to the client but the
 * text of an error it threw (as UserLambdaValidationException "<Trigger> failed with error
 * <text>."), so the text carries a marker and the seconds left, which the kit's client reads.
 * It names no user and no counter.
 */
export class SignInLockedError extends Error {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
    super(`SignInLocked retryAfterSeconds=${seconds}: too many sign-in attempts, try again later`);
    this.name = 'SignInLockedError';
    this.retryAfterSeconds = seconds;
  }
}

let processStore: AttemptStore | undefined;

/**
 * The store the triggers use unless given one: DynamoDB when `CUSTOM_AUTH_LIMITS_TABLE` names
 * a table; this process's memory elsewhere (the local pool, tests). On AWS Lambda without the
 * variable it refuses to run: Create and Verify are separate Lambdas, so memory would hold
 * no limit at all.
 */
export function limitsStoreFromEnvironment(): AttemptStore {
  const tableName = process.env[LIMITS_TABLE_VARIABLE]?.trim();
  if (tableName) return createDynamoDbAttemptStore({ tableName });
  if (process.env.AWS_LAMBDA_FUNCTION_NAME) {
    throw new Error(
      `Set ${LIMITS_TABLE_VARIABLE} to a DynamoDB table for the sign-in limits (see the README's ` +
        'Security section), or pass limits.store to the trigger factories.',
    );
  }
  processStore ??= createMemoryAttemptStore();
  return processStore;
}

/** Counter keys name no user: a hash of the pool and the lower-cased username. */
export function counterKey(kind: 'codes' | 'wrong', userPoolId: string, username: string): string {
  const digest = createHash('sha256')
    .update(`${userPoolId}\0${username.toLowerCase()}`, 'utf8')
    .digest('base64url');
  return `${kind}#${digest}`;
}

interface Subject {
  userPoolId: string;
  userName: string;
}

const secondsUntil = (resetAt: number, now: number) => Math.ceil((resetAt - now) / 1000);

function lockIfOver(count: AttemptCount | undefined, limit: number, now: number) {
  if (count && count.count >= limit) throw new SignInLockedError(secondsUntil(count.resetAt, now));
}

/** Refuses a username that used up its wrong answers in this window. */
export async function assertNotLocked(limits: ResolvedSignInLimits, subject: Subject, now: number) {
  const key = counterKey('wrong', subject.userPoolId, subject.userName);
  lockIfOver(await limits.store().get(key, now), limits.maxWrongAnswers, now);
}

/** Counts one event, or refuses it with a lock when the window's are used up. */
async function take(
  limits: ResolvedSignInLimits,
  key: string,
  limit: number,
  now: number,
): Promise<AttemptCount> {
  const counted = await limits.store().increment(key, limit, limits.windowSeconds * 1000, now);
  if (!counted.allowed) throw new SignInLockedError(secondsUntil(counted.resetAt, now));
  return counted;
}

/** Counts a code about to be sent, or refuses it when the window's codes are used up. */
export async function countCodeSent(limits: ResolvedSignInLimits, subject: Subject, now: number) {
  await take(
    limits,
    counterKey('codes', subject.userPoolId, subject.userName),
    limits.maxCodes,
    now,
  );
}

/**
 * Counts an answer before it is looked at, so that answers checked at the same moment in
 * parallel sessions can never add up past the limit; a right answer is given back after,
 * and a wrong one that used up the window's last locks the username at once.
 */
export async function reserveAnswer(limits: ResolvedSignInLimits, subject: Subject, now: number) {
  const key = counterKey('wrong', subject.userPoolId, subject.userName);
  const counted = await take(limits, key, limits.maxWrongAnswers, now);
  return {
    giveBack: () => limits.store().decrement(key, now),
    lockIfWrong: () => lockIfOver(counted, limits.maxWrongAnswers, now),
  };
}
