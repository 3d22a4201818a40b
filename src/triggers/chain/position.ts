import { CUSTOM_CHALLENGE, PASSWORD_VERIFIER, type SessionEntry, SRP_A } from './session.ts';

/** How many wrong answers a step of a chain takes before the sign-in fails. */
export interface ChainStepShape {
  kind: 'password' | 'custom';
  maxAttempts: number;
  /** A password step skipped when the client opens without SRP_A (`CUSTOM_WITHOUT_SRP`). */
  optional?: boolean;
}

/** Where a sign-in stands in its chain, read from the session alone. */
export type ChainPosition =
  | { kind: 'password' }
  /** `index` counts every step of the chain, the password step included. */
  | {
      kind: 'custom';
      index: number;
      round: number;
      previousMetadata: string | undefined;
      /** An optional password step this sign-in skipped: it is not shown as a step. */
      skipped: number;
    }
  | { kind: 'done' }
  | { kind: 'fail' };

const metadataPattern = /^CHAIN:(\d{1,3}):([\s\S]*)$/;

/** Each round carries its step's index, so Define and Create can tell the steps apart. */
export function chainMetadata(index: number, stepMetadata: string): string {
  return `CHAIN:${index}:${stepMetadata}`;
}

function parseMetadata(entry: SessionEntry) {
  const match = metadataPattern.exec(entry.challengeMetadata ?? '');
  return match ? { index: Number(match[1]), metadata: match[2] as string } : undefined;
}

/**
 * Walks the answered rounds: a step passes on a right answer and the next one starts; a step
 * whose wrong answers reach its `maxAttempts` fails the sign-in. Anything out of order (an
 * answer for another step, a round this chain did not create) fails it too.
 */
export function chainPosition(
  session: readonly SessionEntry[],
  steps: readonly ChainStepShape[],
): ChainPosition {
  const first = steps[0];
  const skipped =
    first?.kind === 'password' && first.optional && session[0]?.challengeName !== SRP_A;
  const withPassword = first?.kind === 'password' && !skipped;
  let rounds: readonly SessionEntry[];
  if (withPassword) {
    const [opening, verifier, ...rest] = session;
    if (opening?.challengeName !== SRP_A) return { kind: 'fail' };
    if (!verifier) return { kind: 'password' };
    if (verifier.challengeName !== PASSWORD_VERIFIER || verifier.challengeResult !== true) {
      return { kind: 'fail' };
    }
    rounds = rest;
  } else {
    // Older clients open with SRP_A even without a password; it checks nothing.
    rounds = session[0]?.challengeName === SRP_A ? session.slice(1) : session;
  }
  let index = first?.kind === 'password' ? 1 : 0;
  let wrong = 0;
  let previousMetadata: string | undefined;
  for (const entry of rounds) {
    // A round made by another Create (no chain metadata) counts for the current step.
    const parsed = parseMetadata(entry) ?? { index, metadata: undefined };
    const step = steps[index];
    if (
      entry.challengeName !== CUSTOM_CHALLENGE ||
      typeof entry.challengeResult !== 'boolean' ||
      parsed.index !== index ||
      !step
    ) {
      return { kind: 'fail' };
    }
    if (entry.challengeResult === true) {
      index += 1;
      wrong = 0;
      previousMetadata = undefined;
    } else {
      wrong += 1;
      previousMetadata = parsed.metadata;
      if (wrong >= step.maxAttempts) return { kind: 'fail' };
    }
  }
  if (index >= steps.length) return { kind: 'done' };
  return { kind: 'custom', index, round: wrong + 1, previousMetadata, skipped: skipped ? 1 : 0 };
}
