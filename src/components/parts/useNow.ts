import { useEffect, useState } from 'react';

/**
 * The current time, ticking every second until `until` has passed; used by countdowns so
 * that only the countdown re-renders each second, not the screen around it.
 */
export function useNow(until: number): number {
  const [now, setNow] = useState(() => Date.now());
  // A new target (a resent code) restarts from the real time, not from the last tick.
  const [target, setTarget] = useState(until);
  if (target !== until) {
    setTarget(until);
    setNow(Date.now());
  }
  useEffect(() => {
    if (now >= until) return;
    // Ticks on the deadline's own second boundaries, so the last tick lands on the deadline.
    const timer = setTimeout(() => setNow(Date.now()), (until - now) % 1000 || 1000);
    return () => clearTimeout(timer);
  }, [now, until]);
  return now;
}

export function secondsUntil(until: number, now: number): number {
  return Math.max(0, Math.ceil((until - now) / 1000));
}

export function minutesAndSeconds(totalSeconds: number): string {
  const minutes = Math.floor(totalSeconds / 60);
  return `${minutes}:${String(totalSeconds % 60).padStart(2, '0')}`;
}
