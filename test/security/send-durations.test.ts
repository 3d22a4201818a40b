import { describe, expect, it, vi } from 'vitest';
import { SendDurations } from '../../src/triggers/delivery/send-durations.ts';

describe('SendDurations: how long an unknown user’s Create waits', () => {
  it('waits the fallback until a real send has been timed', () => {
    expect(new SendDurations(100).draw()).toBe(100);
  });

  it('draws only durations real sends took, spread as they were', async () => {
    const durations = new SendDurations(100);
    for (const duration of [110, 120, 130]) durations.record(duration);
    const draws = new Set(Array.from({ length: 300 }, () => durations.draw()));
    expect(draws).toEqual(new Set([110, 120, 130]));
  });

  it('times a real send, failed sends included', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    try {
      const durations = new SendDurations(100);
      await durations.time(async () => {
        vi.advanceTimersByTime(40);
      });
      await expect(
        durations.time(async () => {
          vi.advanceTimersByTime(40);
          throw new Error('SES down');
        }),
      ).rejects.toThrow('SES down');
      expect(durations.draw()).toBe(40);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps the newest 64 durations only', () => {
    const durations = new SendDurations(0);
    for (let send = 0; send < 64; send++) durations.record(1);
    for (let send = 0; send < 64; send++) durations.record(2);
    expect(new Set(Array.from({ length: 200 }, () => durations.draw()))).toEqual(new Set([2]));
  });
});
