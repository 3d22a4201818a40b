import { integerInRange, withoutUndefined } from '../common/option-values.ts';
import { type AttemptStore, createMemoryAttemptStore } from './attempt-store.ts';
import { createDynamoDbAttemptStore, LIMITS_TABLE_VARIABLE } from './dynamodb-store.ts';

/**
 * Limits per account that hold across sign-ins: without them, starting over gives a fresh code
 * and fresh attempts, so a six-digit code could be guessed and a mailbox flooded. They follow
 * Cognito's own lock-out: a few tries go free, then each one waits longer than the last, up to
 * a short cap, so that a guesser gets about a hundred tries a day while nobody can keep the
 * real user out for longer than the cap.
 */
export interface SignInLimits {
  /** Where the counters live. Default: {@link limitsStoreFromEnvironment}. */
  store?: AttemptStore;
  /** Messages (codes, links) sent without a wait, per account per day, 1 to 100. Default 5. */
  maxCodes?: number;
  /** Wrong answers without a wait, per account per day, 1 to 1000. Default 5. */
  maxWrongAnswers?: number;
  /**
   * The longest wait, in seconds, 60 to 86,400. Default 900. Past the free ones, each wrong
   * answer waits 1 minute, then 2, 4, 8, ... up to this; so does each message sent.
   */
  windowSeconds?: number;
  /**
   * Whether the pool's usernames are case-sensitive (Cognito's `UsernameConfiguration`).
   * Only users who do not exist are counted by name, and this says which spellings are one
   * name. Default false, as for pools created in the console.
   */
  caseSensitiveUsernames?: boolean;
}

export type ResolvedSignInLimits = Required<Omit<SignInLimits, 'store'>> & {
  store: () => AttemptStore;
};

export const defaultSignInLimits = {
  maxCodes: 5,
  maxWrongAnswers: 5,
  windowSeconds: 900,
  caseSensitiveUsernames: false,
};

const limitRanges = {
  maxCodes: { min: 1, max: 100 },
  maxWrongAnswers: { min: 1, max: 1000 },
  windowSeconds: { min: 60, max: 86_400 },
} as const;

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
      `Set ${LIMITS_TABLE_VARIABLE} to a DynamoDB table for the sign-in limits (see ` +
        '"Limits across sign-ins" in docs/triggers.md), or pass limits.store to the trigger ' +
        'factories.',
    );
  }
  processStore ??= createMemoryAttemptStore();
  return processStore;
}

/** Applies the defaults and checks every limit, so a misconfiguration fails on deploy. */
export function resolveSignInLimits(limits: SignInLimits = {}): ResolvedSignInLimits {
  if ('maxWrongAnswersPerDay' in limits) {
    // A daily cut-off let anyone keep an account locked for a day; the waits replace it.
    throw new TypeError(
      'limits.maxWrongAnswersPerDay is gone: past maxWrongAnswers each wrong answer waits ' +
        'longer, up to windowSeconds (see "Limits across sign-ins" in docs/triggers.md).',
    );
  }
  const merged = { ...defaultSignInLimits, ...withoutUndefined(limits) };
  if (typeof merged.caseSensitiveUsernames !== 'boolean') {
    throw new TypeError('limits.caseSensitiveUsernames must be true or false.');
  }
  const { store } = limits;
  const methods = ['get', 'increment', 'decrement', 'secret'] as const;
  if (store !== undefined && methods.some((method) => typeof store[method] !== 'function')) {
    throw new TypeError(`limits.store must have the methods ${methods.join(', ')}.`);
  }
  // The environment's store is looked up on first use, so a misconfiguration fails the
  // invocation with a clear message rather than the Lambda's module load.
  let resolved = store;
  return {
    maxCodes: integerInRange('limits.maxCodes', merged.maxCodes, limitRanges.maxCodes),
    maxWrongAnswers: integerInRange(
      'limits.maxWrongAnswers',
      merged.maxWrongAnswers,
      limitRanges.maxWrongAnswers,
    ),
    windowSeconds: integerInRange(
      'limits.windowSeconds',
      merged.windowSeconds,
      limitRanges.windowSeconds,
    ),
    caseSensitiveUsernames: merged.caseSensitiveUsernames,
    store: () => {
      resolved ??= limitsStoreFromEnvironment();
      return resolved;
    },
  };
}
