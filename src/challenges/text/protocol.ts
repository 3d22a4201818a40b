import type { ChallengeBase, ChallengeProtocol, ParameterRow } from '../protocol.ts';

/** A question with a free answer. */
export interface TextChallengeInfo extends ChallengeBase {
  type: 'text';
  /** Mask the answer as a password field does. */
  secret: boolean;
  /** The answer field's autocomplete token, when the trigger sent one. */
  autocomplete: string | null;
}

/** Its rows of the wire protocol's table (docs/challenges.md). */
export const textParameterRows: readonly ParameterRow[] = [
  {
    names: ['secret', 'autocomplete'],
    meaning: '`text`: `"true"` to mask the field; the field\'s autocomplete token',
  },
];

export const textProtocol: ChallengeProtocol<TextChallengeInfo> = {
  read: ({ secret, autocomplete }) => ({
    type: 'text',
    secret: secret === 'true',
    autocomplete: autocomplete ?? null,
  }),
};
