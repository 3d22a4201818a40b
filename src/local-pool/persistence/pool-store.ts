import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  createMemoryPasskeyStore,
  type PasskeyStore,
} from '../../challenges/passkey/server/passkey-store.ts';
import { CognitoError } from '../protocol/errors.ts';
import type { Jwk } from '../tokens/jwt.ts';
import { JsonFile } from './json-file.ts';
import {
  type PoolData,
  poolDataProblem,
  type RefreshRecord,
  type StoredUser,
} from './pool-data.ts';
import { type UsernameKey, usernameKey } from './usernames.ts';

export type { RefreshRecord, StoredUser } from './pool-data.ts';

const hash = (value: string) => createHash('sha256').update(value).digest('base64url');

const refreshTokenLifetimeMs = 30 * 24 * 3600 * 1000;
/** The longest an access token may live (`tokenValiditySeconds`, whatever a restart sets). */
const longestAccessTokenLifetimeMs = 24 * 3600 * 1000;

export interface PoolStoreSettings {
  /** Undefined takes the setting stored with the data, or case-insensitive for new data. */
  caseSensitive?: boolean;
}

const caseKind = (sensitive: boolean) => (sensitive ? 'case-sensitive' : 'case-insensitive');

/**
 * Refuses a setting other than the stored one: Cognito fixes it when a pool is made, and the
 * stored users are keyed by it.
 */
function checkCaseSensitivity(data: PoolData, dataDir: string, asked: boolean | undefined) {
  // Files written before the setting existed came from pools that folded case.
  const stored = data.usernameConfiguration?.caseSensitive ?? false;
  if (asked !== undefined && asked !== stored) {
    throw new Error(
      `The data in ${dataDir} belongs to a user pool with ${caseKind(stored)} usernames, not ` +
        `${caseKind(asked)} ones, and Cognito cannot change that after a pool is made. Leave the ` +
        'setting out (no --case-sensitive, no caseSensitive option) to use the stored one, or ' +
        'use another --data folder.',
    );
  }
}

/**
 * Users, refresh tokens and the signing key, in memory and (with a data folder) on disk. Every
 * change resolves once it is durable, so an answer sent after it never promises more than the
 * disk holds.
 */
export class PoolStore {
  private data: PoolData;
  private issuedSincePrune = 0;
  private readonly file: JsonFile<PoolData> | null;
  /** The key users are stored and found under; see {@link usernameKey}. */
  readonly usernameKey: UsernameKey;

  private constructor(
    data: PoolData,
    file: JsonFile<PoolData> | null,
    private readonly onSaveError: (error: unknown) => void,
  ) {
    this.data = data;
    this.file = file;
    this.usernameKey = usernameKey(this.caseSensitive);
  }

  /**
   * Opens the data folder (or an in-memory store without one). A file of the wrong shape is
   * refused with a message naming it and what is wrong, and left untouched.
   */
  static async open(
    userPoolId: string,
    dataDir: string | undefined,
    onSaveError: (error: unknown) => void,
    settings: PoolStoreSettings = {},
  ): Promise<PoolStore> {
    const empty: PoolData = {
      version: 1,
      userPoolId,
      signingKey: null,
      unknownUserSecret: randomBytes(32).toString('hex'),
      usernameConfiguration: { caseSensitive: settings.caseSensitive ?? false },
      users: {},
      refreshTokens: {},
      revokedOrigins: {},
    };
    if (!dataDir) return new PoolStore(empty, null, onSaveError);
    let store: PoolStore | undefined;
    const file = new JsonFile<PoolData>(dataDir, 'pool.json', () => store?.data ?? empty);
    await file.removeLeftovers();
    const saved = await file.read();
    if (saved !== undefined) {
      const problem = poolDataProblem(saved);
      if (problem) {
        throw new Error(
          `The local pool's data file ${file.path} has the wrong shape: ${problem}. ` +
            'It was left as it is: fix it, or move it away to start with an empty pool.',
        );
      }
    }
    const data = saved as PoolData | undefined;
    if (data && data.userPoolId !== userPoolId) {
      throw new Error(
        `The data in ${dataDir} belongs to user pool ${data.userPoolId}, not ${userPoolId}: ` +
          'passwords are bound to the pool id. Use another --data folder or the same --user-pool-id.',
      );
    }
    if (data) checkCaseSensitivity(data, dataDir, settings.caseSensitive);
    store = new PoolStore(data ?? empty, file, onSaveError);
    // Files from older versions lack these; they are added once and read back from then on.
    if (data && (!data.unknownUserSecret || !data.usernameConfiguration)) {
      data.unknownUserSecret ||= empty.unknownUserSecret;
      data.usernameConfiguration ??= { caseSensitive: false };
      await store.persist();
    }
    return store;
  }

  /** Resolves when every change so far is on disk. */
  persist(): Promise<void> {
    return this.file?.save() ?? Promise.resolve();
  }

  /**
   * Saves a change; a failed write fails the request that made it and is reported.
   *
   * The 500 promises only that the change is not yet on disk, not that it did not happen: it
   * stays in memory, is served from there, and the next write that succeeds saves it with
   * everything else (the file is always one whole snapshot). Undoing it would mean undoing
   * whatever other requests changed since, so the change is kept and the client is told the
   * outcome is unknown, as a 500 from Cognito would.
   */
  private async saved(): Promise<void> {
    try {
      await this.persist();
    } catch (error) {
      this.onSaveError(error);
      throw new CognitoError('InternalErrorException', 'Internal error.', 500);
    }
  }

  /** The key unknown users' fake credentials derive from; stable as long as the data is. */
  get caseSensitive(): boolean {
    return this.data.usernameConfiguration?.caseSensitive ?? false;
  }

  get unknownUserSecret(): string {
    return this.data.unknownUserSecret ?? '';
  }

  get signingKey(): Jwk | null {
    return this.data.signingKey;
  }

  /** At start-up: a failure stops the pool with the file system's own message. */
  setSigningKey(key: Jwk): Promise<void> {
    this.data.signingKey = key;
    return this.persist();
  }

  get userCount(): number {
    return Object.keys(this.data.users).length;
  }

  findUser(username: string): StoredUser | undefined {
    // Own properties only: a username such as "__proto__" must not reach Object.prototype.
    const key = this.usernameKey(username);
    return Object.hasOwn(this.data.users, key) ? this.data.users[key] : undefined;
  }

  /** Adds the user at once (a second SignUp of the name sees it) and resolves once it is saved. */
  async addUser(user: Omit<StoredUser, 'sub' | 'createdAt'>): Promise<StoredUser> {
    const stored: StoredUser = { ...user, sub: randomUUID(), createdAt: Date.now() };
    Object.defineProperty(this.data.users, this.usernameKey(user.username), {
      value: stored,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    await this.saved();
    return stored;
  }

  async updateUser(user: StoredUser, change: Partial<StoredUser>): Promise<StoredUser> {
    Object.assign(user, change);
    await this.saved();
    return user;
  }

  async issueRefreshToken(record: Omit<RefreshRecord, 'expiresAt'>): Promise<string> {
    // Expired tokens are dropped now and then, not on every sign-in.
    if (++this.issuedSincePrune >= 256) this.pruneExpiredRefreshTokens();
    const token = randomBytes(48).toString('base64url');
    this.data.refreshTokens[hash(token)] = {
      ...record,
      expiresAt: Date.now() + refreshTokenLifetimeMs,
    };
    await this.saved();
    return token;
  }

  private pruneExpiredRefreshTokens(): void {
    this.issuedSincePrune = 0;
    const now = Date.now();
    for (const [key, stored] of Object.entries(this.data.refreshTokens)) {
      if (stored.expiresAt <= now) delete this.data.refreshTokens[key];
    }
  }

  findRefreshToken(token: string): RefreshRecord | undefined {
    const record = this.data.refreshTokens[hash(token)];
    return record && record.expiresAt > Date.now() ? record : undefined;
  }

  async revokeRefreshToken(token: string): Promise<RefreshRecord | undefined> {
    const key = hash(token);
    const record = this.data.refreshTokens[key];
    if (record) await this.revoke([[key, record]]);
    return record;
  }

  /** GlobalSignOut: every refresh token of the user, and the access tokens issued with them. */
  revokeAllFor(username: string): Promise<void> {
    return this.revoke(
      Object.entries(this.data.refreshTokens).filter(
        ([, record]) => this.usernameKey(record.username) === this.usernameKey(username),
      ),
    );
  }

  private revoke(entries: Array<[string, RefreshRecord]>): Promise<void> {
    const now = Date.now();
    for (const [key, record] of entries) {
      this.data.refreshTokens[key] = { ...record, revokedAt: record.revokedAt ?? now };
      this.data.revokedOrigins[record.originJti] = now;
    }
    // Once every access token it could have issued has expired, a revocation need not be kept.
    for (const [origin, revokedAt] of Object.entries(this.data.revokedOrigins)) {
      if (revokedAt < now - longestAccessTokenLifetimeMs) delete this.data.revokedOrigins[origin];
    }
    return this.saved();
  }

  /**
   * The built-in triggers' passkeys, kept with the users: a change is answered once it is
   * saved, and a pool restarted on the same data still signs in with them.
   */
  passkeyStore(): PasskeyStore {
    this.data.passkeys ??= {};
    return createMemoryPasskeyStore({ passkeys: this.data.passkeys, saved: () => this.saved() });
  }

  isOriginRevoked(originJti: string): boolean {
    return originJti in this.data.revokedOrigins;
  }
}
