import type { AttemptCount } from './attempt-store.ts';
import { counterKey } from './owner.ts';
import type { ResolvedSignInLimits } from './sign-in-limits.ts';

/**
 * Thrown by Create and Verify. Cognito passes nothing from a trigger to the client but the
 * text of an error it threw (as UserLambdaValidationException "<Trigger> failed with error
 * <text>."), so the text carries a marker and the seconds left, which the kit's client reads.
 * It names no user and no counter, and the wait is rounded up to whole minutes.
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

/** Whose counters: the pool and the owner `recordOwner` names. */
export interface LimitSubject {
  userPoolId: string;
  owner: string;
}

const dayMs = 24 * 3600 * 1000;
const firstWaitMs = 60_000;

/** The wait after the `beyond`-th event past the free ones: 1 minute, doubling, capped. */
export function waitAfter(beyond: number, capSeconds: number): number {
  return Math.min(capSeconds * 1000, firstWaitMs * 2 ** Math.min(beyond - 1, 30));
}

/**
 * Events of one kind (sends, or wrong answers) in a day, and a gate that lets one event
 * through per wait once the free ones are used. Both are atomic counters, so events arriving
 * at once in parallel sign-ins get at most one past the free ones.
 */
class Throttle {
  constructor(
    private readonly limits: ResolvedSignInLimits,
    private readonly kind: 'codes' | 'wrong',
    private readonly free: number,
  ) {}

  private keys(subject: LimitSubject) {
    return {
      count: counterKey(this.kind, subject.userPoolId, subject.owner),
      wait: counterKey(`${this.kind}-wait`, subject.userPoolId, subject.owner),
    };
  }

  /** Refuses while a wait runs. */
  async assertOpen(subject: LimitSubject, now: number): Promise<void> {
    const wait = await this.limits.store().get(this.keys(subject).wait, now);
    if (wait && wait.count > 0) throw new SignInLockedError((wait.resetAt - now) / 1000);
  }

  /**
   * Counts one event, or refuses it while a wait runs. `waits` says whether this one started
   * a wait; `giveBack` undoes it (a right answer, a check that could not run).
   */
  async take(subject: LimitSubject, now: number) {
    const store = this.limits.store();
    const keys = this.keys(subject);
    const counted = await store.increment(keys.count, Number.MAX_SAFE_INTEGER, dayMs, now);
    const beyond = counted.count - this.free + 1;
    let wait: AttemptCount | undefined;
    if (beyond > 0) {
      const waitMs = waitAfter(beyond, this.limits.windowSeconds);
      const gate = await store.increment(keys.wait, 1, waitMs, now);
      if (!gate.allowed) {
        await store.decrement(keys.count, counted.resetAt);
        throw new SignInLockedError((gate.resetAt - now) / 1000);
      }
      wait = gate;
    }
    return {
      waits: wait !== undefined,
      waitSeconds: wait ? (wait.resetAt - now) / 1000 : 0,
      giveBack: async () => {
        await store.decrement(keys.count, counted.resetAt);
        if (wait) await store.decrement(keys.wait, wait.resetAt);
      },
    };
  }
}

const sends = (limits: ResolvedSignInLimits) => new Throttle(limits, 'codes', limits.maxCodes);
const answers = (limits: ResolvedSignInLimits) =>
  new Throttle(limits, 'wrong', limits.maxWrongAnswers);

/** Refuses an account that is waiting after wrong answers. */
export async function assertNotLocked(
  limits: ResolvedSignInLimits,
  subject: LimitSubject,
  now: number,
): Promise<void> {
  await answers(limits).assertOpen(subject, now);
}

/** Counts a message about to be sent, or refuses it while the wait between sends runs. */
export async function countCodeSent(
  limits: ResolvedSignInLimits,
  subject: LimitSubject,
  now: number,
): Promise<void> {
  await sends(limits).take(subject, now);
}

/**
 * Counts an answer before it is looked at, so that answers checked at the same moment in
 * parallel sessions can never get past a wait; a right answer is given back after, and a wrong
 * one that started a wait ends the sign-in with the lock at once.
 */
export async function reserveAnswer(
  limits: ResolvedSignInLimits,
  subject: LimitSubject,
  now: number,
) {
  const taken = await answers(limits).take(subject, now);
  return {
    giveBack: taken.giveBack,
    lockIfWrong: () => {
      if (taken.waits) throw new SignInLockedError(taken.waitSeconds);
    },
  };
}
