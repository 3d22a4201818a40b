import type { StoredPasskey } from '../../challenges/passkey/server/passkey-store.ts';
import type { Jwk } from '../tokens/jwt.ts';

export type UserStatus = 'UNCONFIRMED' | 'CONFIRMED';

export interface StoredUser {
  username: string;
  sub: string;
  status: UserStatus;
  attributes: Record<string, string>;
  /** SRP salt and verifier; the password itself is never kept. */
  salt: string;
  verifier: string;
  /** `failedAttempts` is only in data saved by older versions. */
  confirmation?: { codeHash: string; expiresAt: number; failedAttempts?: number };
  createdAt: number;
}

/**
 * Which contact attributes are verified: the one the confirmation code went to (the email
 * address, else the phone number) once the account is confirmed, unless an administrator set
 * the flag (AdminUpdateUserAttributes). Cognito reports each the user has, true or false:
 * booleans in ID tokens, strings in triggers and GetUser.
 */
export function verifiedFlags(user: StoredUser): Record<string, boolean> {
  const confirmed = user.status === 'CONFIRMED';
  const { email, phone_number: phone } = user.attributes;
  const set = (name: string, derived: boolean) =>
    name in user.attributes ? user.attributes[name] === 'true' : derived;
  return {
    ...(email ? { email_verified: set('email_verified', confirmed) } : {}),
    ...(phone ? { phone_number_verified: set('phone_number_verified', confirmed && !email) } : {}),
  };
}

export const verifiedAttributes = (user: StoredUser): Record<string, string> =>
  Object.fromEntries(
    Object.entries(verifiedFlags(user)).map(([name, verified]) => [name, String(verified)]),
  );

export interface RefreshRecord {
  username: string;
  clientId: string;
  originJti: string;
  authTime: number;
  expiresAt: number;
  /** Kept until it expires, so that a refresh with it is told it was revoked. */
  revokedAt?: number;
}

/** Everything the pool keeps on disk, in `pool.json`. */
export interface PoolData {
  version: 1;
  userPoolId: string;
  signingKey: Jwk | null;
  /**
   * Hex key the fake credentials of unknown users are derived from. Kept with the data so an
   * unknown user's salt is as stable across restarts as a real one's. Absent in older files.
   */
  unknownUserSecret?: string;
  /**
   * Fixed when the pool is made, as on Cognito: user keys depend on it. Absent in files written
   * before it existed, whose pools folded case.
   */
  usernameConfiguration?: { caseSensitive: boolean };
  users: Record<string, StoredUser>;
  refreshTokens: Record<string, RefreshRecord>;
  revokedOrigins: Record<string, number>;
  /** The built-in triggers' passkeys, by owner (`sub:<sub>`). Absent in older files. */
  passkeys?: Record<string, StoredPasskey[]>;
}

const hex = /^[0-9a-f]+$/i;

/** A rule for one value: null when it holds, else what is wrong, phrased to follow its path. */
type Check = (value: unknown) => string | null;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const string: Check = (value) =>
  typeof value === 'string' && value.length > 0 ? null : 'must be a non-empty string';
const hexString: Check = (value) =>
  typeof value === 'string' && hex.test(value) ? null : 'must be a hex string';
const boolean: Check = (value) => (typeof value === 'boolean' ? null : 'must be true or false');
const number: Check = (value) =>
  typeof value === 'number' && Number.isFinite(value) ? null : 'must be a number';
const optional =
  (check: Check): Check =>
  (value) =>
    value === undefined ? null : check(value);
const oneOf =
  (...allowed: unknown[]): Check =>
  (value) =>
    allowed.includes(value)
      ? null
      : `must be ${allowed.map((item) => JSON.stringify(item)).join(' or ')}`;

const under = (path: string, problem: string) =>
  problem.startsWith('.') || problem.startsWith('[') ? `${path}${problem}` : `${path} ${problem}`;

/** An array whose items follow the rule. */
const arrayOf =
  (check: Check): Check =>
  (value) => {
    if (!Array.isArray(value)) return 'must be an array';
    for (const [index, item] of value.entries()) {
      const problem = check(item);
      if (problem) return under(`[${index}]`, problem);
    }
    return null;
  };

/** An object whose named fields follow their rules; a nested problem names its field path. */
const object =
  (shape: Record<string, Check>): Check =>
  (value) => {
    if (!isRecord(value)) return 'must be an object';
    for (const [field, check] of Object.entries(shape)) {
      const problem = check(value[field]);
      if (problem) return under(`.${field}`, value[field] === undefined ? 'is missing' : problem);
    }
    return null;
  };

/** An object used as a map: every value follows the rule. */
const mapOf =
  (check: Check): Check =>
  (value) => {
    if (!isRecord(value)) return 'must be an object';
    for (const [key, item] of Object.entries(value)) {
      const problem = check(item);
      if (problem) return under(`[${JSON.stringify(key)}]`, problem);
    }
    return null;
  };

const user = object({
  username: string,
  sub: string,
  status: oneOf('UNCONFIRMED', 'CONFIRMED'),
  salt: hexString,
  verifier: hexString,
  createdAt: number,
  attributes: mapOf((item) => (typeof item === 'string' ? null : 'must be a string')),
  confirmation: optional(
    object({ codeHash: hexString, expiresAt: number, failedAttempts: optional(number) }),
  ),
});

const refreshRecord = object({
  username: string,
  clientId: string,
  originJti: string,
  authTime: number,
  expiresAt: number,
  revokedAt: optional(number),
});

const passkey = object({
  id: string,
  publicKey: string,
  counter: number,
  transports: arrayOf(string),
  backedUp: boolean,
  deviceType: oneOf('singleDevice', 'multiDevice'),
  createdAt: number,
  lastUsedAt: (value) => (value === null ? null : number(value)),
  aaguid: optional(string),
});

const poolData = object({
  version: oneOf(1),
  userPoolId: string,
  signingKey: (key) =>
    key === null || (isRecord(key) && typeof key.kty === 'string')
      ? null
      : 'must be null or a JSON Web Key',
  unknownUserSecret: optional(hexString),
  usernameConfiguration: optional(object({ caseSensitive: boolean })),
  users: mapOf(user),
  refreshTokens: mapOf(refreshRecord),
  revokedOrigins: mapOf(number),
  passkeys: optional(mapOf(arrayOf(passkey))),
});

/** Why a parsed `pool.json` cannot be used (e.g. `users["ann"].salt is missing`), or null. */
export function poolDataProblem(value: unknown): string | null {
  if (!isRecord(value))
    return `the file holds ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}, not an object`;
  const problem = poolData(value);
  return problem ? problem.slice(1) : null;
}
