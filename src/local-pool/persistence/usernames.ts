/**
 * The key a username is stored, looked up and counted under. Pools created through Cognito's
 * API or CloudFormation are case-sensitive by default ("Alice" and "alice" are two users); the
 * console's default, and this pool's, folds case.
 */
export type UsernameKey = (username: string) => string;

const exact: UsernameKey = (username) => username;
const folded: UsernameKey = (username) => username.toLowerCase();

export const usernameKey = (caseSensitive: boolean): UsernameKey =>
  caseSensitive ? exact : folded;

/** What a pool made before the setting existed did: fold case. */
export const defaultUsernameKey = folded;
