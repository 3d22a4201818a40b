// The wire protocol between the Create Auth Challenge trigger and the client, as far as every
// challenge type shares it; each type's own parameters are in its folder's protocol.ts.

/** The public challenge parameters as they travel: strings by name (Cognito's rule). */
export type ChallengeParameters = Readonly<Record<string, string>>;

/** What every challenge has, whatever its type. */
export interface ChallengeBase {
  /**
   * The `type` parameter as the trigger sent it, an app's own names included; without one,
   * `code` when the trigger sent `codeLength`, else `text`.
   */
  name: string;
  /** The `hint` public parameter, or null when the trigger sent none. Render it as text. */
  hint: string | null;
  /** Every public challenge parameter (Amplify's `nextStep.additionalInfo`). */
  parameters: Readonly<Record<string, string>>;
  /** 1 for the first answer in this step, counting up after each wrong one. */
  round: number;
  /** Position in a chain of steps (`step` of `steps`), or null when the trigger sent none. */
  step: number | null;
  steps: number | null;
  /** Wrong answers this step still takes (`attemptsLeft`), or null when the trigger sent none. */
  attemptsLeft: number | null;
  /** Epoch ms after which the session is treated as dead and the user sent back to sign in. */
  expiresAt: number;
  /** Epoch ms from which `resendChallenge` is accepted. */
  resendAvailableAt: number;
}

/** A type the kit does not know: an app's own, named by `name`. */
export interface CustomChallengeInfo extends ChallengeBase {
  type: 'custom';
}

/** What a type's reader gives: its `type` on the client and its own fields. */
export type OwnFields<Info extends ChallengeBase> = Omit<Info, keyof ChallengeBase>;

/** One row of the wire protocol's table: parameters and what they mean. */
export interface ParameterRow {
  names: readonly string[];
  meaning: string;
}

/**
 * How the client takes part in a round without the user typing: `atOnce` answers it as soon
 * as it starts (a link request), `onSubmit` once the user says to go on (a link opened in
 * another browser). The answer comes from the `answerOnClient` service.
 */
export type ClientAnswer = 'atOnce' | 'onSubmit';

/**
 * A challenge type as the client reads it: found by its `type` name in `challengeProtocols`,
 * never by a switch on the name.
 */
export interface ChallengeProtocol<Info extends ChallengeBase> {
  /** Its typed fields, read from the public parameters; malformed ones read as empty. */
  read: (parameters: ChallengeParameters) => OwnFields<Info>;
  /** ClientMetadata to send with an answer: the next Create sees no answer, only this. */
  answerMetadata?: (answer: string) => Record<string, string>;
  /** Whether the client answers this round itself, and when; undefined: the user does. */
  clientAnswer?: (parameters: ChallengeParameters) => ClientAnswer | undefined;
  /**
   * The error when no `answerOnClient` service answers this type: its `name`, and the
   * option that brings the service.
   */
  clientAnswerNotEnabled?: { name: string; option: string };
  /**
   * On a resend, the value to pick for the user when the new start comes to a delivery choice
   * (`purpose: delivery`) first: `requested`, or the one this round went by. Undefined: the
   * new start stops at that choice.
   */
  resendChoice?: (info: Info, requested?: string) => string | undefined;
}

/**
 * A round of `anyOf(...)` is answered with this, followed by the index of another
 * alternative, to go on by it ("Use a code instead").
 */
export const ANOTHER_WAY_PREFIX = 'another-way:';

/** A count the trigger sent as a string of digits, or null. */
export const count = (text: string | undefined) =>
  /^\d{1,9}$/.test(text ?? '') ? Number(text) : null;

/** The parameters every type shares, which the chain writes for each step. */
export const commonParameters: readonly ParameterRow[] = [
  {
    names: ['type'],
    meaning:
      '`code`, `text` (a question with a free answer), `choice`, `captcha`, `magicLink`, or a name of your own; hand-written triggers that send none: `code` when `codeLength` is sent, else `text`',
  },
  { names: ['hint'], meaning: 'what to tell the user, rendered as text; optional' },
  {
    names: ['step', 'steps'],
    meaning: 'position in the chain, the password step included ("2" of "3")',
  },
  {
    names: ['attemptsLeft'],
    meaning: 'answers left in this step, the one about to be given included',
  },
  {
    names: ['alternatives', 'alternative'],
    meaning: `a step of \`anyOf(...)\`: its alternatives' types, comma-separated, and the index of this round's; \`${ANOTHER_WAY_PREFIX}<index>\` goes on by another`,
  },
];
