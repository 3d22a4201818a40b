import { createHash } from 'node:crypto';

/**
 * Whose records a sign-in touches. A record that protects an account (the link series, used
 * links, the counters of wrong answers and sends) belongs to the account, named by its `sub`,
 * which Cognito puts in every trigger's `userAttributes`: two users whose names differ only in
 * case are two accounts in a case-sensitive pool, and must never share one. A user who does
 * not exist has no `sub`, so the typed name stands in, folded to lower case unless the pool's
 * usernames are case-sensitive: then every spelling that reaches the same account (or the same
 * nobody) shares one record, and a lock on one spelling says nothing about another.
 */
export interface RecordOwnerEvent {
  userName: string;
  request: { userAttributes?: Record<string, string>; userNotFound?: boolean };
}

/** How a pool compares usernames; Cognito's `UsernameConfiguration.CaseSensitive`. */
export interface UsernameRules {
  caseSensitive: boolean;
}

/** The key part naming the owner: `sub:<sub>` for an account, `name:<name>` for nobody. */
export function recordOwner(event: RecordOwnerEvent, rules: UsernameRules): string {
  const sub = event.request.userNotFound === true ? undefined : event.request.userAttributes?.sub;
  if (sub) return `sub:${sub}`;
  return `name:${rules.caseSensitive ? event.userName : event.userName.toLowerCase()}`;
}

type CounterKind = 'codes' | 'codes-wait' | 'wrong' | 'wrong-wait' | 'links' | 'link-used';

/** Counter keys name no user: a hash of the pool and the record's owner (`recordOwner`). */
export function counterKey(kind: CounterKind, userPoolId: string, owner: string): string {
  const digest = createHash('sha256').update(`${userPoolId}\0${owner}`, 'utf8').digest('base64url');
  return `${kind}#${digest}`;
}
