import type { CreateAuthChallengeTriggerEvent } from 'aws-lambda';
import { type CustomChallengeStep, validAttempts } from '../../triggers/chain/chain-step.ts';

/** Options of {@link questionStep}. */
export interface QuestionStepOptions {
  /** The question, or a function of the sign-in that asks it (say, from the user's data). */
  question: string | ((event: CreateAuthChallengeTriggerEvent) => string | Promise<string>);
  /**
   * Checks the answer. Knowledge answers live in the app's data, so the app checks them;
   * compare in constant time and never log the answer. It is called for users who do not
   * exist too (`userNotFound`), so that they take as long; they never sign in, whatever it
   * returns.
   */
  verify: (input: {
    answer: string;
    userName: string;
    userAttributes: Record<string, string>;
    userNotFound: boolean;
  }) => boolean | Promise<boolean>;
  /** Default 3. */
  maxAttempts?: number;
  /** Mask the field, as for a password. Default false. */
  secret?: boolean;
  /** The field's `autocomplete` token. */
  autocomplete?: string;
}

/** A question with a free answer (`type: text`), checked by the app's own function. */
export function questionStep(options: QuestionStepOptions): CustomChallengeStep {
  if (typeof options.verify !== 'function') throw new TypeError('questionStep needs verify.');
  const parameters: Record<string, string> = {};
  if (options.secret) parameters.secret = 'true';
  if (options.autocomplete) parameters.autocomplete = options.autocomplete;
  return {
    kind: 'custom',
    provesFactor: true,
    type: 'text',
    maxAttempts: validAttempts(options.maxAttempts ?? 3),
    create: async ({ event }) => ({
      hint:
        typeof options.question === 'function' ? await options.question(event) : options.question,
      parameters,
      privateParameters: {},
      metadata: '',
    }),
    verify: async ({ event, answer }) =>
      (await options.verify({
        answer,
        userName: event.userName,
        userAttributes: event.request.userAttributes ?? {},
        userNotFound: event.request.userNotFound === true,
      })) === true,
  };
}
