import type { DefineAuthChallengeTriggerEvent } from 'aws-lambda';

/** One entry of `event.request.session`: a challenge already answered in this sign-in. */
export type SessionEntry = DefineAuthChallengeTriggerEvent['request']['session'][number];
type CustomChallengeResult = Extract<SessionEntry, { challengeName: 'CUSTOM_CHALLENGE' }>;

export const CUSTOM_CHALLENGE = 'CUSTOM_CHALLENGE';
export const PASSWORD_VERIFIER = 'PASSWORD_VERIFIER';
export const SRP_A = 'SRP_A';

/** The session as an array, whatever a hand-built or older event carries. */
export function sessionOf(event: { request: { session?: SessionEntry[] | null } }): SessionEntry[] {
  const session = event.request.session;
  return Array.isArray(session) ? session : [];
}

export function isCustomChallenge(entry: SessionEntry): entry is CustomChallengeResult {
  return entry.challengeName === CUSTOM_CHALLENGE;
}

/** How many custom-challenge answers the session already holds. */
export function customRounds(session: readonly SessionEntry[]): number {
  return session.filter(isCustomChallenge).length;
}

export function latestCustomChallenge(
  session: readonly SessionEntry[],
): CustomChallengeResult | undefined {
  return session.filter(isCustomChallenge).at(-1);
}
