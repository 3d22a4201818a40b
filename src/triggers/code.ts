import { randomBytes, randomInt } from 'node:crypto';

const DECOY_ANSWER_BYTES = 32;

/** A uniformly random code of `length` digits, leading zeros kept. */
export function generateCode(length: number): string {
  return String(randomInt(0, 10 ** length)).padStart(length, '0');
}

/** A private answer for an unknown user: no one can type 64 hex digits that match it. */
export function unguessableAnswer(): string {
  return randomBytes(DECOY_ANSWER_BYTES).toString('hex');
}
