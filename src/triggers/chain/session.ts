import type { DefineAuthChallengeTriggerEvent } from 'aws-lambda';

/** One entry of `event.request.session`: a challenge already answered in this sign-in. */
export type SessionEntry = DefineAuthChallengeTriggerEvent['request']['session'][number];

export const CUSTOM_CHALLENGE = 'CUSTOM_CHALLENGE';
export const PASSWORD_VERIFIER = 'PASSWORD_VERIFIER';
export const SRP_A = 'SRP_A';

/** The session as an array, whatever a hand-built or older event carries. */
export function sessionOf(event: { request: { session?: SessionEntry[] | null } }): SessionEntry[] {
  const session = event.request.session;
  return Array.isArray(session) ? session : [];
}
