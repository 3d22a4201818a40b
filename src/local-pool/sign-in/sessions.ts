import type { StoredUser } from '../persistence/pool-store.ts';
import { defaultUsernameKey, type UsernameKey } from '../persistence/usernames.ts';
import { CognitoError, notAuthorized } from '../protocol/errors.ts';
import { SessionTokens } from './session-tokens.ts';

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
  /**
   * All users together; default 20,000. Past it the name holding the most sessions gives up
   * its oldest; when every name holds one, a new sign-in gets TooManyRequestsException.
   */
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

/** Why a token was not taken, for Cognito's three wordings of a dead session. */
export type SessionRefusal = 'unknown' | 'used' | 'expired';

const sessionRefusals: Record<SessionRefusal, string> = {
  unknown: 'Invalid session for the user.',
  used: 'Invalid session for the user, session can only be used once.',
  expired: 'Invalid session for the user, session is expired.',
};

export const invalidSession = (why: SessionRefusal = 'unknown') =>
  notAuthorized(sessionRefusals[why]);

/** Answered sessions remembered to word a replay; past this many the oldest are forgotten. */
const maxRememberedUses = 50_000;

/**
 * Sessions as Cognito hands them out: opaque, single-use (every answer gets a new one) and
 * dead after the app client's AuthSessionValidity.
 *
 * Memory is bounded per username first, so one name flooding sign-ins only displaces its own
 * sessions. When the total bound is reached anyway (many names), the name holding the most
 * sessions gives up its oldest, provided it holds more than one: a user with one sign-in in
 * progress never loses it. When every name holds one, the new sign-in is refused instead.
 */
export class SessionStore {
  /** In issue order, which is expiry order too: every session lives the same time. */
  private readonly entries = new Map<string, Entry>();
  /** Tokens per username, oldest first (a Set iterates in insertion order). */
  private readonly owners = new Map<string, Set<string>>();
  /** Usernames by how many sessions they hold, so the largest is found without a scan. */
  private readonly byCount = new Map<number, Set<string>>();
  private largest = 0;
  private readonly tokens = new SessionTokens();
  /** Answered tokens until they expire, oldest answer first. */
  private readonly used = new Map<string, number>();

  /** `ownerKey`: the pool's username key, so a bound counts the names the pool tells apart. */
  constructor(
    private readonly validityMs: number,
    private readonly limits: SessionLimits = defaultSessionLimits,
    private readonly ownerKey: UsernameKey = defaultUsernameKey,
  ) {}

  /** Throws TooManyRequestsException when the total is reached and no name holds two. */
  issue(session: AuthSession): string {
    this.sweep();
    const owner = this.ownerKey(session.username);
    const own = this.owners.get(owner);
    if (own && own.size >= this.limits.perUser) {
      this.dropOldest(own);
    } else if (this.entries.size >= this.limits.total) {
      if (this.largest < 2) throw new CognitoError('TooManyRequestsException', 'Too many requests');
      const [crowded] = this.byCount.get(this.largest) ?? [];
      this.dropOldest(crowded === undefined ? undefined : this.owners.get(crowded));
    }
    const expiresAt = Date.now() + this.validityMs;
    const token = this.tokens.create(expiresAt);
    this.entries.set(token, { session, owner, expiresAt });
    const tokens = this.owners.get(owner) ?? new Set<string>();
    tokens.add(token);
    this.owners.set(owner, tokens);
    this.recount(owner, tokens.size - 1, tokens.size);
    return token;
  }

  /** The session behind a token, once; undefined when unknown, used or expired (see refusal). */
  take(token: string): AuthSession | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    this.remove(token, entry);
    if (entry.expiresAt <= Date.now()) return undefined;
    this.rememberUse(token, entry.expiresAt);
    return entry.session;
  }

  /** Why `take` gave nothing for this token. */
  refusal(token: string): SessionRefusal {
    const expiresAt = this.tokens.expiryOf(token);
    if (expiresAt === undefined) return 'unknown';
    if (expiresAt <= Date.now()) return 'expired';
    return this.used.has(token) ? 'used' : 'unknown';
  }

  private rememberUse(token: string, expiresAt: number): void {
    const now = Date.now();
    for (const [old, until] of this.used) {
      if (until > now && this.used.size < maxRememberedUses) break;
      this.used.delete(old);
    }
    this.used.set(token, expiresAt);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Open sessions of one username. */
  openFor(username: string): number {
    return this.owners.get(this.ownerKey(username))?.size ?? 0;
  }

  private remove(token: string, entry: Entry): void {
    this.entries.delete(token);
    const tokens = this.owners.get(entry.owner);
    if (!tokens?.delete(token)) return;
    if (tokens.size === 0) this.owners.delete(entry.owner);
    this.recount(entry.owner, tokens.size + 1, tokens.size);
  }

  /** Moves a username between count buckets; a count changes by one at a time. */
  private recount(owner: string, from: number, to: number): void {
    const before = this.byCount.get(from);
    before?.delete(owner);
    if (before?.size === 0) this.byCount.delete(from);
    if (to > 0) {
      const after = this.byCount.get(to) ?? new Set<string>();
      after.add(owner);
      this.byCount.set(to, after);
    }
    if (to > this.largest) this.largest = to;
    else if (from === this.largest && !this.byCount.has(from)) this.largest = to;
  }

  private dropOldest(tokens: Set<string> | undefined): void {
    const oldest = tokens?.values().next().value;
    const entry = oldest === undefined ? undefined : this.entries.get(oldest);
    if (oldest !== undefined && entry) this.remove(oldest, entry);
  }

  /** Stops at the first live session: the ones after it expire later. */
  private sweep(): void {
    const now = Date.now();
    for (const [token, entry] of this.entries) {
      if (entry.expiresAt > now) return;
      this.remove(token, entry);
    }
  }
}
