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
  /**
   * Wrong answers per username per day (a fixed 24-hour window), 1 to 10,000. Default 30.
   * Without it a patient guesser gets `maxWrongAnswers` again every window, on every user at
   * once: 960 guesses a day each with the defaults.
   */
  maxWrongAnswersPerDay?: number;
  /** The window in seconds, 60 to 86,400; a username stays locked until it ends. Default 900. */
  windowSeconds?: number;
}

export type ResolvedSignInLimits = Required<Omit<SignInLimits, 'store'>> & {
  store: () => AttemptStore;
};

export const defaultSignInLimits = {
  maxCodes: 5,
  maxWrongAnswers: 10,
  maxWrongAnswersPerDay: 30,
  windowSeconds: 900,
};

/**
 * Thrown by Create and Verify. Cognito passes nothing from a trigger to the client but the
 * text of an error it threw (as UserLambdaValidationException "<Trigger> failed with error
 * <text>."), so the text carries a marker and the seconds left, which the kit's client reads.
 * It names no user and no counter, and the wait is rounded up to whole minutes so that it
 * does not tell to the second when someone else's attempts began.
 */
export class SignInLockedError extends Error {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    const seconds = Math.max(1, Math.ceil(retryAfterSeconds / 60)) * 60;
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

type CounterKind = 'codes' | 'wrong' | 'wrong-day' | 'links' | 'link-used';

/** Counter keys name no user: a hash of the pool and the lower-cased username. */
export function counterKey(kind: CounterKind, userPoolId: string, username: string): string {
  const digest = createHash('sha256')
    .update(`${userPoolId}\0${username.toLowerCase()}`, 'utf8')
    .digest('base64url');
  return `${kind}#${digest}`;
}

interface Subject {
  userPoolId: string;
  userName: string;
}

interface Counter {
  key: string;
  limit: number;
  windowMs: number;
}

const dayMs = 24 * 3600 * 1000;

/** The counters of wrong answers: per window, and per day. */
function wrongAnswerCounters(limits: ResolvedSignInLimits, subject: Subject): Counter[] {
  const key = (kind: CounterKind) => counterKey(kind, subject.userPoolId, subject.userName);
  return [
    { key: key('wrong'), limit: limits.maxWrongAnswers, windowMs: limits.windowSeconds * 1000 },
    { key: key('wrong-day'), limit: limits.maxWrongAnswersPerDay, windowMs: dayMs },
  ];
}

const secondsUntil = (resetAt: number, now: number) => (resetAt - now) / 1000;

function lockIfOver(count: AttemptCount | undefined, limit: number, now: number) {
  if (count && count.count >= limit) throw new SignInLockedError(secondsUntil(count.resetAt, now));
}

/** Refuses a username that used up its wrong answers in this window or this day. */
export async function assertNotLocked(limits: ResolvedSignInLimits, subject: Subject, now: number) {
  for (const counter of wrongAnswerCounters(limits, subject)) {
    lockIfOver(await limits.store().get(counter.key, now), counter.limit, now);
  }
}

/** Counts one event, or refuses it with a lock when the window's are used up. */
async function take(
  limits: ResolvedSignInLimits,
  counter: Counter,
  now: number,
): Promise<AttemptCount> {
  const counted = await limits.store().increment(counter.key, counter.limit, counter.windowMs, now);
  if (!counted.allowed) throw new SignInLockedError(secondsUntil(counted.resetAt, now));
  return counted;
}

/** Counts a code about to be sent, or refuses it when the window's codes are used up. */
export async function countCodeSent(limits: ResolvedSignInLimits, subject: Subject, now: number) {
  const key = counterKey('codes', subject.userPoolId, subject.userName);
  await take(limits, { key, limit: limits.maxCodes, windowMs: limits.windowSeconds * 1000 }, now);
}

/**
 * Counts an answer before it is looked at, so that answers checked at the same moment in
 * parallel sessions can never add up past a limit; a right answer is given back after, and a
 * wrong one that used up the last of either counter locks the username at once.
 */
export async function reserveAnswer(limits: ResolvedSignInLimits, subject: Subject, now: number) {
  const taken: Array<{ counter: Counter; counted: AttemptCount }> = [];
  const giveBack = () =>
    Promise.all(
      taken.map(({ counter, counted }) => limits.store().decrement(counter.key, counted.resetAt)),
    );
  try {
    for (const counter of wrongAnswerCounters(limits, subject)) {
      taken.push({ counter, counted: await take(limits, counter, now) });
    }
  } catch (error) {
    await giveBack();
    throw error;
  }
  return {
    giveBack,
    lockIfWrong: () => {
      for (const { counter, counted } of taken) lockIfOver(counted, counter.limit, now);
    },
  };
}
