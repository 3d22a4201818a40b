import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

const DECOY_ANSWER_BYTES = 32;

/** A uniformly random code of `length` digits, leading zeros kept. */
export function generateCode(length: number): string {
  return String(randomInt(0, 10 ** length)).padStart(length, '0');
}

/** A private answer for an unknown user: no one can type 64 hex digits that match it. */
export function unguessableAnswer(): string {
  return randomBytes(DECOY_ANSWER_BYTES).toString('hex');
}

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
