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
  | { challengeName: 'PASSWORD_VERIFIER'; serverSecret: string; srpB: string; secretBlock: string };

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

/** Bounds the memory that unanswered InitiateAuth requests can take. */
const maxOpenSessions = 20_000;

interface Entry {
  session: AuthSession;
  expiresAt: number;
}

/**
 * Sessions as Cognito hands them out: opaque, single-use (every answer gets a new one) and
 * dead after the app client's AuthSessionValidity.
 */
export class SessionStore {
  private readonly entries = new Map<string, Entry>();
  private issuedSinceSweep = 0;

  constructor(private readonly validityMs: number) {}

  issue(session: AuthSession): string {
    if (++this.issuedSinceSweep >= 256) this.sweep();
    // Past the cap the oldest open session gives way (a Map iterates in insertion order).
    if (this.entries.size >= maxOpenSessions) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    const token = randomBytes(96).toString('base64');
    this.entries.set(token, { session, expiresAt: Date.now() + this.validityMs });
    return token;
  }

  /** The session behind a token, once; undefined when unknown, used or expired. */
  take(token: string): AuthSession | undefined {
    const entry = this.entries.get(token);
    this.entries.delete(token);
    return entry && entry.expiresAt > Date.now() ? entry.session : undefined;
  }

  get size(): number {
    return this.entries.size;
  }

  private sweep(): void {
    this.issuedSinceSweep = 0;
    const now = Date.now();
    for (const [token, entry] of this.entries) {
      if (entry.expiresAt <= now) this.entries.delete(token);
    }
  }
}
