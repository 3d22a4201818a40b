import { createHash, timingSafeEqual } from 'node:crypto';

/** Drops what people type or paste around a code: outer and inner spaces, and dashes. */
export function normalizeAnswer(answer: unknown): string {
  return typeof answer === 'string' ? answer.trim().replace(/[\s-]/g, '') : '';
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Compares digests rather than the strings so that neither the position of the first wrong
 * digit nor the length of the expected answer shows in the timing.
 */
export function answersMatch(given: string, expected: string): boolean {
  return timingSafeEqual(sha256(given), sha256(expected));
}
