import type {
  CreateAuthChallengeTriggerEvent,
  VerifyAuthChallengeResponseTriggerEvent,
} from 'aws-lambda';
import { integerInRange, maxAttemptsRange } from '../common/option-values.ts';
import type { AttemptStore } from '../limits/attempt-store.ts';

/** What a step gets to make one round of its challenge. */
export interface StepCreateInput {
  event: CreateAuthChallengeTriggerEvent;
  /** 1 for the step's first round, up after each wrong answer. */
  round: number;
  /** What the step kept from its previous round (`metadata`), on later rounds. */
  previousMetadata: string | undefined;
  /**
   * Sends something to the user within the limits: counts it against the username, refuses a
   * locked one, and times the send. Pass `null` for a user who does not exist: it is counted
   * the same and waits as long as a send would.
   */
  deliver: (send: (() => Promise<void>) | null) => Promise<void>;
  /** Unknown users' decoys derive from this key, so they are stable and cannot be recomputed. */
  decoySecret: string;
  decoyEmailDomains: readonly string[];
  /** The limits' store, for steps that keep records of their own (magic links). */
  store: AttemptStore;
  /** Whose records those are: the account's `sub`, or the name of a user who does not exist. */
  owner: string;
}

/** One round of a step's challenge. */
export interface StepChallenge {
  /** What to tell the user (the `hint` public parameter), rendered as text; none when omitted. */
  hint?: string;
  /** The step's own public parameters (strings), besides the ones every step sends. */
  parameters: Record<string, string>;
  /** Handed to Verify with the answer; never reaches the client. */
  privateParameters: Record<string, string>;
  /** Carried in the session to the step's next round; never reaches the client. */
  metadata: string;
  /** This round's `type`, when a step's rounds differ in it (`anyOf`); default the step's. */
  type?: string;
  /** This round's `attemptsLeft`, when the step counts them itself (`anyOf`). */
  attemptsLeft?: number;
}

/** What a step gets to check an answer. */
export interface StepVerifyInput {
  event: VerifyAuthChallengeResponseTriggerEvent;
  /** As the user sent it. */
  answer: string;
  /** What Create kept private for this round. */
  privateParameters: Record<string, string>;
  /** The limits' store, for steps that keep records of their own (magic links). */
  store: AttemptStore;
  /** Whose records those are, as in {@link StepCreateInput}. */
  owner: string;
}

/**
 * What Verify makes of an answer: right, wrong, or a request for something (a link) that is
 * no answer at all: not counted as wrong, and the step goes on to its next round.
 */
export type StepVerdict = boolean | 'request';

/**
 * Thrown by a step's Verify to end the sign-in with a reason the client can read (Cognito
 * passes the text on in UserLambdaValidationException); the answer counts as wrong.
 */
export class ChallengeRefusedError extends Error {}

/** A custom challenge in a chain: a code, a question, a choice, a CAPTCHA, or an app's own. */
export interface CustomChallengeStep {
  kind: 'custom';
  /** The `type` public parameter the UI picks its answer component by. */
  type: string;
  /** Answers the step takes before the sign-in fails, 1 to 10. */
  maxAttempts: number;
  /**
   * Whether an answer could be a guess at a secret (a code, a question's answer), so that a
   * wrong one counts against the account's limits; or a function of the answer saying so.
   * Default true. Steps whose answers hold no secret (a CAPTCHA, a choice of channel, a
   * request for a link) say false: counting them would let anyone lock an account out for
   * free, and its owner would never get a message.
   */
  guessable?:
    | boolean
    | ((answer: string, privateParameters: Readonly<Record<string, string>>) => boolean);
  create: (input: StepCreateInput) => Promise<StepChallenge>;
  verify: (input: StepVerifyInput) => Promise<StepVerdict>;
  /**
   * Passing it proves the user holds something: a code sent to them, a passkey, an answer
   * only they know. A step that `needsFactor` may come after it.
   */
  provesFactor?: boolean;
  /**
   * Runs only after a step that proves a factor, or a password the sign-in cannot skip
   * (enrolling a passkey): the chain refuses any other place for it.
   */
  needsFactor?: boolean;
  /** A step of its own that the chain runs right before this one (a code's choice of channel). */
  lead?: CustomChallengeStep;
}

/** The password, checked by Cognito with SRP before any custom step (`CUSTOM_WITH_SRP`). */
export interface PasswordStep {
  kind: 'password';
  maxAttempts: 1;
  /** Skipped when the client signs in without a password (`CUSTOM_WITHOUT_SRP`). */
  optional: boolean;
}

export type ChainStep = PasswordStep | CustomChallengeStep;

/** Whether an answer counts against the limits; an answer to no step is counted, to be safe. */
export function guesses(
  step: CustomChallengeStep | undefined,
  answer: string,
  privateParameters: Readonly<Record<string, string>>,
): boolean {
  const guessable = step?.guessable ?? true;
  return typeof guessable === 'function' ? guessable(answer, privateParameters) : guessable;
}

/** A step's `maxAttempts`, checked: 1 to 10. */
export function validAttempts(value: number): number {
  return integerInRange('maxAttempts', value, maxAttemptsRange);
}
