import { defaultUsernameKey, type UsernameKey } from '../persistence/usernames.ts';

/** A code the pool or a trigger "sent": what a developer reads instead of an inbox. */
export interface OutboxEntry {
  username: string;
  destination: string;
  kind: 'signUp' | 'resendSignUp' | 'challenge';
  code: string;
  /** A magic link's email: the link, beside the code. */
  link?: string;
  time: string;
}

/** A custom challenge as Create produced it, private parameters included. */
export interface ChallengeEntry {
  username: string;
  challengeName: string;
  publicChallengeParameters: Record<string, string>;
  privateChallengeParameters: Record<string, string>;
  time: string;
}

const keptEntries = 1_000;

/** Newest-last list of local-only records, capped so a long-running pool stays small. */
export class LocalLog<T extends { username: string }> {
  private readonly entries: T[] = [];

  /** `key`: the pool's, so a list names the same user the pool does. */
  constructor(private readonly key: UsernameKey = defaultUsernameKey) {}

  add(entry: T): void {
    this.entries.push(entry);
    if (this.entries.length > keptEntries)
      this.entries.splice(0, this.entries.length - keptEntries);
  }

  list(username?: string): T[] {
    if (username === undefined) return [...this.entries];
    const wanted = this.key(username);
    return this.entries.filter((entry) => this.key(entry.username) === wanted);
  }

  latest(username: string): T | undefined {
    return this.list(username).at(-1);
  }
}
