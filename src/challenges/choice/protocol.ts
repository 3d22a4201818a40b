import type {
  ChallengeBase,
  ChallengeParameters,
  ChallengeProtocol,
  ParameterRow,
} from '../protocol.ts';

/** One option of a `choice` challenge. */
export interface ChallengeOption {
  value: string;
  label: string;
}

/** Pick one of the options; the answer is the option's `value`. */
export interface ChoiceChallengeInfo extends ChallengeBase {
  type: 'choice';
  /** Empty when the trigger sent none or sent them malformed. */
  options: readonly ChallengeOption[];
  /**
   * What picking does, when the trigger says (`purpose`): `delivery` picks where a code goes,
   * so the drop-in's button says "Send code". Null when the trigger sent none.
   */
  purpose: string | null;
}

/** The ClientMetadata key the kit's client sends a choice's value in, for the next Create. */
export const CHOICE_METADATA_KEY = 'choice';

/** The `purpose` of a choice that picks the channel a code goes by. */
export const DELIVERY_PURPOSE = 'delivery';

/** What a step that offers options tells the client, and what picking does, if it says. */
export const choiceParameters = (options: readonly ChallengeOption[], purpose?: string) => ({
  options: JSON.stringify(options),
  ...(purpose && { purpose }),
});

const isOption = (value: unknown): value is ChallengeOption => {
  const { value: optionValue, label } = (value ?? {}) as Partial<ChallengeOption>;
  return typeof optionValue === 'string' && typeof label === 'string';
};

function optionsOf(json: string | undefined): ChallengeOption[] {
  try {
    const options: unknown = JSON.parse(json ?? '[]');
    return Array.isArray(options) && options.every(isOption)
      ? options.map(({ value, label }) => ({ value, label }))
      : [];
  } catch {
    return [];
  }
}

/** Its rows of the wire protocol's table (docs/challenges.md). */
export const choiceParameterRows: readonly ParameterRow[] = [
  {
    names: ['options'],
    meaning: `\`choice\`: a JSON array of \`{ "value", "label" }\`; the answer is a \`value\`, which the kit's client also sends as ClientMetadata \`${CHOICE_METADATA_KEY}\``,
  },
  {
    names: ['purpose'],
    meaning: `\`choice\`: what picking does, if the trigger says: \`${DELIVERY_PURPOSE}\` picks where a code goes (\`codeStep({ deliver: 'choice' })\` sends it), and the drop-in's button then says "Send code"`,
  },
];

/** Whether a round is a delivery choice that offers `value`. */
export const offersDelivery = (parameters: ChallengeParameters, value: string) =>
  parameters.purpose === DELIVERY_PURPOSE &&
  optionsOf(parameters.options).some((option) => option.value === value);

export const choiceProtocol: ChallengeProtocol<ChoiceChallengeInfo> = {
  read: ({ options, purpose }) => ({
    type: 'choice',
    options: optionsOf(options),
    purpose: purpose ?? null,
  }),
  answerMetadata: (answer) => ({ [CHOICE_METADATA_KEY]: answer }),
};
