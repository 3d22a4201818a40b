import { defaultUsernameKey, type UsernameKey } from '../persistence/usernames.ts';
import { CognitoError } from '../protocol/errors.ts';

/** Limits on sign-up confirmation, per username and window. */
export interface ConfirmationLimitOptions {
  /** Default 15 minutes, counted from the first wrong code or resend. */
  windowMs: number;
  /** Wrong confirmation codes per window, across resends. Default 5. */
  maxWrongCodes: number;
  /** ResendConfirmationCode calls per window. Default 5. */
  maxResends: number;
}

export const defaultConfirmationLimits: ConfirmationLimitOptions = {
  windowMs: 15 * 60 * 1000,
  maxWrongCodes: 5,
  maxResends: 5,
};

interface Window {
  startedAt: number;
  wrongCodes: number;
  resends: number;
}

/** Beyond this many names the oldest windows give way, so a flood of names stays bounded. */
const maxTracked = 100_000;

export const attemptLimitExceeded = () =>
  new CognitoError('LimitExceededException', 'Attempt limit exceeded, please try after some time.');

/**
 * Wrong confirmation codes and resends per username, kept apart from the codes themselves so a
 * resend cannot reset the count. Names that do not exist are counted exactly like real ones,
 * so reaching a limit says nothing about who is registered.
 */
export class ConfirmationLimits {
  private readonly windows = new Map<string, Window>();

  /** `key`: the pool's username key, so a case-sensitive pool counts "Bob" and "bob" apart. */
  constructor(
    private readonly options: ConfirmationLimitOptions = defaultConfirmationLimits,
    private readonly now: () => number = () => Date.now(),
    private readonly key: UsernameKey = defaultUsernameKey,
  ) {}

  /** Throws LimitExceededException while this name has used up its wrong codes. */
  checkCode(username: string): void {
    const window = this.current(username);
    if (window && window.wrongCodes >= this.options.maxWrongCodes) throw attemptLimitExceeded();
  }

  recordWrongCode(username: string): void {
    this.open(username).wrongCodes += 1;
  }

  /** Counts a resend, or throws LimitExceededException when the window has none left. */
  takeResend(username: string): void {
    const window = this.open(username);
    if (window.resends >= this.options.maxResends) throw attemptLimitExceeded();
    window.resends += 1;
  }

  private current(username: string): Window | undefined {
    const window = this.windows.get(this.key(username));
    return window && window.startedAt + this.options.windowMs > this.now() ? window : undefined;
  }

  private open(username: string): Window {
    const existing = this.current(username);
    if (existing) return existing;
    if (this.windows.size >= maxTracked) this.sweep();
    const window = { startedAt: this.now(), wrongCodes: 0, resends: 0 };
    const key = this.key(username);
    this.windows.delete(key);
    this.windows.set(key, window);
    return window;
  }

  private sweep(): void {
    const cutoff = this.now() - this.options.windowMs;
    for (const [key, window] of this.windows) {
      if (window.startedAt <= cutoff) this.windows.delete(key);
    }
    // Still full: windows open in order, so the first ones are the oldest.
    for (const key of this.windows.keys()) {
      if (this.windows.size < maxTracked) break;
      this.windows.delete(key);
    }
  }
}
