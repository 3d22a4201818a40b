import { createHmac } from 'node:crypto';
import { isEmailAddress, isPhoneNumber, maskEmail, maskPhoneNumber } from './mask.ts';

/**
 * Where an unknown user's made-up address seems to be, unless configured: the large
 * providers, weighted roughly as people use them.
 */
export const defaultDecoyEmailDomains: readonly string[] = [
  'gmail.com',
  'gmail.com',
  'gmail.com',
  'outlook.com',
  'hotmail.com',
  'yahoo.com',
  'icloud.com',
];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

function pick(text: string, byte: number | undefined): string {
  return text.charAt((byte ?? 0) % text.length);
}

/**
 * The email address a real user with this username would plausibly see, the same on every
 * round and every sign-in. A username that is an email address is masked as itself, exactly
 * as a user signing in with that address would see it; anything else (a phone number too)
 * gets a made-up address keyed by `secret`, so that nobody can recompute it from the username
 * to learn that the user does not exist.
 */
export function decoyMaskedDestination(
  username: string,
  secret: string,
  domains: readonly string[] = defaultDecoyEmailDomains,
): string {
  if (isEmailAddress(username)) return maskEmail(username);
  const digest = createHmac('sha256', secret).update(username.toLowerCase(), 'utf8').digest();
  const domain = domains[digest.readUInt32BE(1) % domains.length] ?? 'gmail.com';
  return maskEmail(`${pick(LETTERS, digest[0])}x@${domain}`);
}

/**
 * What a real user would see for an SMS code: a username that is a phone number masked as
 * itself; else a masked number ending in four digits that derive from `secret`, the same on
 * every sign-in, and not to be recomputed without it.
 */
export function decoyPhoneMask(username: string, secret: string): string {
  if (isPhoneNumber(username)) return maskPhoneNumber(username);
  const digest = createHmac('sha256', `${secret}:sms`).update(username.toLowerCase()).digest();
  return maskPhoneNumber(`+1555${String(digest.readUInt32BE(0) % 10_000_000).padStart(7, '0')}`);
}
