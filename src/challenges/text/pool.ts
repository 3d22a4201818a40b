import type { ChainPreset } from '../../local-pool/sign-in/chain-preset.ts';
import { answersMatch } from '../../triggers/common/answers.ts';
import { questionStep } from './step.ts';

/**
 * A question any user of the pool can answer without setup: the email address on the
 * account, which only the user (and the pool) should know in full.
 */
const emailQuestion = questionStep({
  question: 'What is the email address on this account?',
  verify: ({ answer, userAttributes }) =>
    answersMatch(answer.trim().toLowerCase(), (userAttributes.email ?? '').toLowerCase()) &&
    Boolean(userAttributes.email),
});

/** The question's preset in a pool's chain. */
export const textPresets = {
  question: () => emailQuestion,
} satisfies Record<string, ChainPreset>;
