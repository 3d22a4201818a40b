import { randomBytes } from 'node:crypto';
import type { StoredUser } from './store.ts';

/** One entry of the session array the Define trigger sees. */
export interface ChallengeResult {
  challengeName: string;
  challengeResult: boolean;
  challengeMetadata?: string;
}

export type PendingChallenge =
  | {
      challengeName: 'CUSTOM_CHALLENGE';
      privateChallengeParameters: Record<string, string>;
      challengeMetadata?: string;
    }
  | {
      challengeName: 'PASSWORD_VERIFIER';
      /** The user's verifier, or an unknown user's fake one. */
      verifier: string;
      serverSecret: string;
      srpB: string;
      secretBlock: string;
    };

export interface AuthSession {
  authFlow: 'CUSTOM_AUTH' | 'USER_SRP_AUTH';
  clientId: string;
  /** The name the client used; the stored user's when it exists. */
  username: string;
  user: StoredUser | undefined;
  srpA: string | undefined;
  history: ChallengeResult[];
  pending: PendingChallenge;
  clientMetadata: Record<string, string>;
}

/** Bounds on open (unanswered) sessions. */
export interface SessionLimits {
  /** All users together; default 20,000. */
  total: number;
  /** One username; default 50. Past it the user's own oldest session gives way. */
  perUser: number;
}

export const defaultSessionLimits: SessionLimits = { total: 20_000, perUser: 50 };

interface Entry {
  session: AuthSession;
  owner: string;
  expiresAt: number;
}

/**
 * Sessions as Cognito hands them out: opaque, single-use (every answer gets a new one) and
 * dead after the app client's AuthSessionValidity.
 *
 * Memory is bounded per username first, so one name flooding sign-ins only displaces its own
 * sessions. When the total bound is reached anyway (many names), the name holding the most
 * sessions gives up its oldest: a flood never costs a user with one sign-in in progress.
 */
export class SessionStore {
  private readonly entries = new Map<string, Entry>();
  /** Tokens per username, oldest first (a Set iterates in insertion order). */
  private readonly owners = new Map<string, Set<string>>();
  private issuedSinceSweep = 0;

  constructor(
    private readonly validityMs: number,
    private readonly limits: SessionLimits = defaultSessionLimits,
  ) {}

  issue(session: AuthSession): string {
    if (++this.issuedSinceSweep >= 256) this.sweep();
    const owner = session.username.toLowerCase();
    const own = this.owners.get(owner);
    if (own && own.size >= this.limits.perUser) this.dropOldest(own);
    if (this.entries.size >= this.limits.total) {
      this.sweep();
      if (this.entries.size >= this.limits.total) this.dropOldest(this.largestOwner());
    }
    const token = randomBytes(96).toString('base64');
    this.entries.set(token, { session, owner, expiresAt: Date.now() + this.validityMs });
    const tokens = this.owners.get(owner) ?? new Set<string>();
    tokens.add(token);
    this.owners.set(owner, tokens);
    return token;
  }

  /** The session behind a token, once; undefined when unknown, used or expired. */
  take(token: string): AuthSession | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    this.remove(token, entry);
    return entry.expiresAt > Date.now() ? entry.session : undefined;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Open sessions of one username. */
  openFor(username: string): number {
    return this.owners.get(username.toLowerCase())?.size ?? 0;
  }

  private remove(token: string, entry: Entry): void {
    this.entries.delete(token);
    const tokens = this.owners.get(entry.owner);
    tokens?.delete(token);
    if (tokens?.size === 0) this.owners.delete(entry.owner);
  }

  private dropOldest(tokens: Set<string> | undefined): void {
    const oldest = tokens?.values().next().value;
    const entry = oldest === undefined ? undefined : this.entries.get(oldest);
    if (oldest !== undefined && entry) this.remove(oldest, entry);
  }

  private largestOwner(): Set<string> | undefined {
    let largest: Set<string> | undefined;
    for (const tokens of this.owners.values()) {
      if (!largest || tokens.size > largest.size) largest = tokens;
    }
    return largest;
  }

  private sweep(): void {
    this.issuedSinceSweep = 0;
    const now = Date.now();
    for (const [token, entry] of this.entries) {
      if (entry.expiresAt <= now) this.remove(token, entry);
    }
  }
}
