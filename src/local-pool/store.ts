import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { JWK } from 'jose';
import { JsonFile } from './persistence.ts';

export type UserStatus = 'UNCONFIRMED' | 'CONFIRMED';

export interface StoredUser {
  username: string;
  sub: string;
  status: UserStatus;
  attributes: Record<string, string>;
  /** SRP salt and verifier; the password itself is never kept. */
  salt: string;
  verifier: string;
  /** `failedAttempts` is absent in data saved by older versions. */
  confirmation?: { codeHash: string; expiresAt: number; failedAttempts?: number };
  createdAt: number;
}

export interface RefreshRecord {
  username: string;
  clientId: string;
  originJti: string;
  authTime: number;
  expiresAt: number;
}

interface PoolData {
  version: 1;
  userPoolId: string;
  signingKey: JWK | null;
  users: Record<string, StoredUser>;
  refreshTokens: Record<string, RefreshRecord>;
  revokedOrigins: Record<string, number>;
}

const hash = (value: string) => createHash('sha256').update(value).digest('base64url');

/** Usernames are case-insensitive, as in pools created with the default settings. */
const userKey = (username: string) => username.toLowerCase();

const refreshTokenLifetimeMs = 30 * 24 * 3600 * 1000;
const accessTokenLifetimeMs = 3600 * 1000;

/** Users, refresh tokens and the signing key, in memory and (with a data folder) on disk. */
export class PoolStore {
  private data: PoolData;
  private issuedSincePrune = 0;
  private readonly file: JsonFile<PoolData> | null;

  private constructor(
    data: PoolData,
    file: JsonFile<PoolData> | null,
    private readonly onSaveError: (error: unknown) => void,
  ) {
    this.data = data;
    this.file = file;
  }

  static async open(
    userPoolId: string,
    dataDir: string | undefined,
    onSaveError: (error: unknown) => void,
  ): Promise<PoolStore> {
    const empty: PoolData = {
      version: 1,
      userPoolId,
      signingKey: null,
      users: {},
      refreshTokens: {},
      revokedOrigins: {},
    };
    if (!dataDir) return new PoolStore(empty, null, onSaveError);
    let store: PoolStore | undefined;
    const file = new JsonFile<PoolData>(dataDir, 'pool.json', () => store?.data ?? empty);
    const saved = await file.read();
    if (saved && saved.userPoolId !== userPoolId) {
      throw new Error(
        `The data in ${dataDir} belongs to user pool ${saved.userPoolId}, not ${userPoolId}: ` +
          'passwords are bound to the pool id. Use another --data folder or the same --user-pool-id.',
      );
    }
    store = new PoolStore(saved ?? empty, file, onSaveError);
    return store;
  }

  /** Resolves when every change so far is on disk. */
  persist(): Promise<void> {
    return this.file?.save() ?? Promise.resolve();
  }

  /** Saves in the background: a failed write is reported, and the pool keeps serving from memory. */
  private persistLater(): void {
    this.persist().catch((error: unknown) => this.onSaveError(error));
  }

  get signingKey(): JWK | null {
    return this.data.signingKey;
  }

  setSigningKey(key: JWK): Promise<void> {
    this.data.signingKey = key;
    return this.persist();
  }

  get userCount(): number {
    return Object.keys(this.data.users).length;
  }

  findUser(username: string): StoredUser | undefined {
    // Own properties only: a username such as "__proto__" must not reach Object.prototype.
    const key = userKey(username);
    return Object.hasOwn(this.data.users, key) ? this.data.users[key] : undefined;
  }

  addUser(user: Omit<StoredUser, 'sub' | 'createdAt'>): StoredUser {
    const stored: StoredUser = { ...user, sub: randomUUID(), createdAt: Date.now() };
    Object.defineProperty(this.data.users, userKey(user.username), {
      value: stored,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    this.persistLater();
    return stored;
  }

  updateUser(user: StoredUser, change: Partial<StoredUser>): StoredUser {
    Object.assign(user, change);
    this.persistLater();
    return user;
  }

  issueRefreshToken(record: Omit<RefreshRecord, 'expiresAt'>): string {
    // Expired tokens are dropped now and then, not on every sign-in.
    if (++this.issuedSincePrune >= 256) this.pruneExpiredRefreshTokens();
    const token = randomBytes(48).toString('base64url');
    this.data.refreshTokens[hash(token)] = {
      ...record,
      expiresAt: Date.now() + refreshTokenLifetimeMs,
    };
    this.persistLater();
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

  revokeRefreshToken(token: string): RefreshRecord | undefined {
    const key = hash(token);
    const record = this.data.refreshTokens[key];
    if (record) this.revoke([[key, record]]);
    return record;
  }

  /** GlobalSignOut: every refresh token of the user, and the access tokens issued with them. */
  revokeAllFor(username: string): void {
    this.revoke(
      Object.entries(this.data.refreshTokens).filter(
        ([, record]) => userKey(record.username) === userKey(username),
      ),
    );
  }

  private revoke(entries: Array<[string, RefreshRecord]>): void {
    const now = Date.now();
    for (const [key, record] of entries) {
      delete this.data.refreshTokens[key];
      this.data.revokedOrigins[record.originJti] = now;
    }
    // An access token lives an hour; after that its revocation need not be remembered.
    for (const [origin, revokedAt] of Object.entries(this.data.revokedOrigins)) {
      if (revokedAt < now - accessTokenLifetimeMs) delete this.data.revokedOrigins[origin];
    }
    this.persistLater();
  }

  isOriginRevoked(originJti: string): boolean {
    return originJti in this.data.revokedOrigins;
  }
}
