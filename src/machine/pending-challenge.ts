import type { ChallengeInfo } from './types.ts';

/** A challenge in progress, kept across a page reload (Amplify keeps its half in sessionStorage too). */
export interface PendingChallenge {
  username: string;
  /** What the screen needs besides the parameters, which say the rest. */
  challenge: Pick<ChallengeInfo, 'parameters' | 'round' | 'expiresAt' | 'resendAvailableAt'>;
  /**
   * The token of the sign-in link this sign-in starts with (`signInLinks`): held by the
   * statechart for this sign-in alone, never stored.
   */
  link?: string;
}

/** `mayResume` looks for this name too. */
const storageKey = 'cognito-custom-auth.pendingChallenge';

const isStringMap = (value: unknown): value is Record<string, string> =>
  typeof value === 'object' &&
  value !== null &&
  Object.values(value).every((entry) => typeof entry === 'string');

/** Reads back what `savePendingChallenge` stored; anything malformed or expired is nothing. */
export function parsePendingChallenge(text: string | null | undefined, now = Date.now()) {
  if (!text) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const { username, challenge } = (value ?? {}) as Partial<PendingChallenge>;
  if (typeof username !== 'string' || username === '' || typeof challenge !== 'object') return null;
  const { parameters, round, expiresAt, resendAvailableAt } = challenge ?? {};
  const valid =
    isStringMap(parameters) &&
    Number.isInteger(round) &&
    typeof expiresAt === 'number' &&
    typeof resendAvailableAt === 'number' &&
    expiresAt > now;
  return valid
    ? { username, challenge: { parameters, round: round as number, expiresAt, resendAvailableAt } }
    : null;
}

/**
 * Storage may be missing (a server), disabled (some browsers throw on access) or full: that
 * only costs the resume after a reload, here and in `loadPendingChallenge`.
 */
export function savePendingChallenge(pending: PendingChallenge | null): void {
  try {
    if (pending) sessionStorage.setItem(storageKey, JSON.stringify(pending));
    else sessionStorage.removeItem(storageKey);
  } catch {}
}

export async function loadPendingChallenge(): Promise<PendingChallenge | null> {
  try {
    return parsePendingChallenge(sessionStorage.getItem(storageKey));
  } catch {
    return null;
  }
}
