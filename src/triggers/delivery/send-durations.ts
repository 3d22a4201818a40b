import { randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

const capacity = 64;

/**
 * How long real sends took, so that a Create for a user who does not exist (which sends
 * nothing) can take as long as one that does: otherwise the answer time tells who exists.
 * The wait is drawn from the recorded durations, so its spread matches theirs too.
 */
export class SendDurations {
  private readonly samples: number[] = [];
  private next = 0;

  constructor(private readonly fallbackMs: number) {}

  record(durationMs: number): void {
    this.samples[this.next] = durationMs;
    this.next = (this.next + 1) % capacity;
  }

  /** A duration like the real ones; the fallback until one has been recorded. */
  draw(): number {
    if (this.samples.length === 0) return this.fallbackMs;
    return this.samples[randomInt(this.samples.length)] ?? this.fallbackMs;
  }

  /** Runs a real send and records how long it took, failed sends included. */
  async time<T>(send: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await send();
    } finally {
      this.record(performance.now() - started);
    }
  }

  /** Waits as long as a real send would. */
  async imitate(): Promise<void> {
    const duration = this.draw();
    if (duration > 0) await sleep(duration);
  }
}
