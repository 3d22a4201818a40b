import { createHmac, randomBytes } from 'node:crypto';
import { computePasswordVerifier, type PasswordVerifier, toPaddedHex } from './srp.ts';

/** Per process: fake credentials need only stay stable while the pool runs. */
const processSecret = randomBytes(32);
const cache = new Map<string, PasswordVerifier>();
const maxCached = 10_000;

const derive = (purpose: string, value: string) =>
  createHmac('sha256', processSecret).update(`${purpose}\0${value}`).digest('hex');

/**
 * A salt and verifier for a user that does not exist, the same on every attempt, so the
 * PASSWORD_VERIFIER challenge of an unknown user cannot be told from a real one's.
 */
export function stableFakeCredentials(userPoolId: string, username: string): PasswordVerifier {
  const key = `${userPoolId}\0${username.toLowerCase()}`;
  const cached = cache.get(key);
  if (cached) return cached;
  // Padded like a real salt, so its length and leading zeros give nothing away.
  const salt = toPaddedHex(BigInt(`0x${derive('salt', key).slice(0, 32)}`));
  const credentials = {
    salt,
    verifier: computePasswordVerifier('fake', key, derive('password', key), salt),
  };
  if (cache.size >= maxCached) cache.clear();
  cache.set(key, credentials);
  return credentials;
}
