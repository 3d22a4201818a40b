import type { CreateAuthChallengeTriggerEvent } from 'aws-lambda';
import { type CustomChallengeStep, validAttempts } from '../../triggers/chain/chain-step.ts';
import { choiceParameters } from './protocol.ts';

/** One option of a {@link choiceStep}. */
export interface ChoiceOption {
  value: string;
  label: string;
}

/** Options of {@link choiceStep}. */
export interface ChoiceStepOptions {
  /** What to ask (the `hint`). */
  question: string;
  /** The options, or a function of the sign-in that lists them (say, from the user's data). */
  options:
    | readonly ChoiceOption[]
    | ((
        event: CreateAuthChallengeTriggerEvent,
      ) => readonly ChoiceOption[] | Promise<readonly ChoiceOption[]>);
  /**
   * Whether the chosen value passes. Called only with one of the options' values, for users
   * who do not exist too (`userNotFound`); they never sign in, whatever it returns.
   */
  verify: (input: {
    value: string;
    userName: string;
    userAttributes: Record<string, string>;
    userNotFound: boolean;
  }) => boolean | Promise<boolean>;
  /** Default 3. */
  maxAttempts?: number;
}

function validOptions(options: readonly ChoiceOption[]): readonly ChoiceOption[] {
  const valid =
    Array.isArray(options) &&
    options.length > 0 &&
    options.every(
      (option) => typeof option?.value === 'string' && typeof option.label === 'string',
    ) &&
    new Set(options.map((option) => option.value)).size === options.length;
  if (!valid) {
    throw new TypeError('A choice needs at least one option, each a distinct value with a label.');
  }
  return options;
}

/** Pick one option (`type: choice`); the options travel as JSON in `options`. */
export function choiceStep(config: ChoiceStepOptions): CustomChallengeStep {
  if (typeof config.verify !== 'function') throw new TypeError('choiceStep needs verify.');
  const { options } = config;
  if (typeof options !== 'function') validOptions(options);
  const listOptions = typeof options === 'function' ? options : () => options;
  return {
    kind: 'custom',
    type: 'choice',
    maxAttempts: validAttempts(config.maxAttempts ?? 3),
    async create({ event }) {
      const offered = validOptions(await listOptions(event));
      return {
        hint: config.question,
        parameters: choiceParameters(offered),
        // Verify sees only what Create offered, so an answer outside it never reaches the app.
        privateParameters: { values: JSON.stringify(offered.map((option) => option.value)) },
        metadata: '',
      };
    },
    verify: async ({ event, answer, privateParameters }) => {
      const values = JSON.parse(privateParameters.values ?? '[]') as unknown;
      if (!Array.isArray(values) || !values.includes(answer)) return false;
      return (
        (await config.verify({
          value: answer,
          userName: event.userName,
          userAttributes: event.request.userAttributes ?? {},
          userNotFound: event.request.userNotFound === true,
        })) === true
      );
    },
  };
}
