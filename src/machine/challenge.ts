import type { ChallengeInfo, ChallengeOption, CustomAuthTiming } from './types.ts';

/** What a challenge is made of; the rest is read from its parameters. */
export type SavedChallenge = Pick<
  ChallengeInfo,
  'parameters' | 'round' | 'expiresAt' | 'resendAvailableAt'
>;

type ChallengeFields = ChallengeInfo extends infer Challenge
  ? Challenge extends ChallengeInfo
    ? Omit<Challenge, keyof SavedChallenge>
    : never
  : never;

/** A count the trigger sent as a string of digits, or null. */
const count = (text: string | undefined) => (/^\d{1,9}$/.test(text ?? '') ? Number(text) : null);

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

/** Reads the public parameters as the wire protocol in docs/challenges.md defines them. */
function challengeFields(parameters: Readonly<Record<string, string>>): ChallengeFields {
  const name = parameters.type ?? (parameters.codeLength ? 'code' : 'text');
  const base = {
    name,
    hint: parameters.hint ?? null,
    step: count(parameters.step),
    steps: count(parameters.steps),
    attemptsLeft: count(parameters.attemptsLeft),
  };
  switch (name) {
    // A magic link's email carries a code too: once it is sent, the step is answered as one.
    case 'magicLink':
    case 'code': {
      const { deliveryMedium } = parameters;
      return {
        ...base,
        type: 'code',
        codeLength: count(parameters.codeLength),
        destination: parameters.destination ?? null,
        deliveryMedium:
          deliveryMedium === 'EMAIL' || deliveryMedium === 'SMS' ? deliveryMedium : null,
      };
    }
    case 'text':
      return {
        ...base,
        type: name,
        secret: parameters.secret === 'true',
        autocomplete: parameters.autocomplete ?? null,
      };
    case 'choice':
      return { ...base, type: name, options: optionsOf(parameters.options) };
    case 'captcha':
      return {
        ...base,
        type: name,
        provider: parameters.provider ?? '',
        siteKey: parameters.siteKey ?? '',
      };
    case 'linkConfirmation':
      return { ...base, type: name, destination: parameters.destination ?? '' };
    default:
      return { ...base, type: 'custom' };
  }
}

export function challengeOf({
  parameters,
  round,
  expiresAt,
  resendAvailableAt,
}: SavedChallenge): ChallengeInfo {
  return { ...challengeFields(parameters), parameters, round, expiresAt, resendAvailableAt };
}

export function newChallenge(
  timing: CustomAuthTiming,
  parameters: Readonly<Record<string, string>>,
  round: number,
  resendAvailableAt: number,
): ChallengeInfo {
  const expiresAt = Date.now() + timing.sessionValidityMs - timing.expiryMarginMs;
  return challengeOf({ parameters, round, expiresAt, resendAvailableAt });
}

/**
 * After an answer, a challenge that names another step of the chain means the answer was
 * right; the same step again means it was wrong.
 */
export const isNextStep = (current: ChallengeInfo | null, next: ChallengeInfo) =>
  next.step !== null && current?.step !== next.step;
