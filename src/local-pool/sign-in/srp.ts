/**
 * The server half of Amazon Cognito's SRP-6a password verification (USER_SRP_AUTH, and
 * CUSTOM_AUTH with `CHALLENGE_NAME: 'SRP_A'`), byte-compatible with the Amplify JS v6 client.
 *
 * Group: 3072-bit MODP prime from RFC 3526, g = 2, H = SHA-256. Every integer that is hashed is
 * hashed as the bytes of its padded hex form (see {@link toPaddedHex}).
 */
import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

const N = BigInt(
  '0x' +
    'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
    'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
    'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
    '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
    'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
    '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
    'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
    'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF',
);
const G = 2n;
const K = hashToInteger(bytesOf(N), bytesOf(G));

// Anything longer cannot be a group element a client produced; the cap bounds BigInt parsing work.
const MAX_HEX_LENGTH = 1024;
const HEX = /^[0-9a-f]+$/i;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A user's stored SRP credentials: the password itself is never kept. */
export interface PasswordVerifier {
  /** Hex, already in the canonical form the client re-derives from the SALT challenge parameter. */
  salt: string;
  /** Hex of v = g^x mod N. */
  verifier: string;
}

/** The per-attempt server state of one PASSWORD_VERIFIER challenge. */
export interface ServerChallenge {
  /** Hex of the ephemeral exponent b: keep it server-side, never send it to the client. */
  serverSecret: string;
  /** Hex of B, sent as the SRP_B challenge parameter. */
  srpB: string;
}

/** Everything needed to check one PASSWORD_VERIFIER response. */
export interface PasswordClaim {
  /** The part of the user pool id after the underscore (see {@link poolNameFromUserPoolId}). */
  poolName: string;
  /** The USER_ID_FOR_SRP that was sent, which is also what the verifier was created with. */
  userIdForSrp: string;
  verifier: string;
  serverSecret: string;
  /** SRP_A from InitiateAuth, as the client sent it. */
  srpA: string;
  srpB: string;
  /** The SECRET_BLOCK the server issued for this attempt. */
  secretBlock: string;
  /** TIMESTAMP from the challenge responses. */
  timestamp: string;
  /** PASSWORD_CLAIM_SIGNATURE from the challenge responses. */
  signature: string;
}

/**
 * Even-length hex of a non-negative integer with a leading `00` when the top bit is set: the
 * big-endian two's-complement bytes Java's `BigInteger.toByteArray()` gives, which Cognito hashes.
 */
export function toPaddedHex(value: bigint): string {
  if (value < 0n) throw new RangeError('toPaddedHex needs a non-negative integer');
  const hex = value.toString(16);
  const even = hex.length % 2 === 0 ? hex : `0${hex}`;
  return /^[89a-f]/.test(even) ? `00${even}` : even;
}

/** Amplify's reading of a pool id: the second `_`-separated part, or `''` when there is none. */
export function poolNameFromUserPoolId(userPoolId: string): string {
  return userPoolId.split('_')[1] ?? '';
}

/** Computes the verifier for a given salt (hex, any spelling of the same integer). */
export function computePasswordVerifier(
  poolName: string,
  userIdForSrp: string,
  password: string,
  salt: string,
): string {
  const saltValue = parseHex(salt);
  if (saltValue === undefined) throw new TypeError('The salt must be a hex string');
  return toPaddedHex(modPow(G, passwordExponent(poolName, userIdForSrp, password, saltValue), N));
}

/** Draws a 16-byte salt and computes the verifier a user's password is later checked against. */
export function createPasswordVerifier(
  poolName: string,
  userIdForSrp: string,
  password: string,
): PasswordVerifier {
  // Kept in the padded spelling both sides actually hash (the client re-pads whatever SALT it
  // receives), so the salt on record is byte for byte the salt in use.
  const salt = toPaddedHex(BigInt(`0x${randomBytes(16).toString('hex')}`));
  return { salt, verifier: computePasswordVerifier(poolName, userIdForSrp, password, salt) };
}

/**
 * A group element that stands in for a verifier, from at least 400 bytes of keyed randomness:
 * the client never sees a verifier, only B, so it cannot tell this from g^x.
 */
export function verifierFromSeed(seed: Buffer): string {
  if (seed.length < 400) throw new RangeError('The seed needs at least 400 bytes');
  const value = BigInt(`0x${seed.toString('hex')}`) % N;
  return toPaddedHex(value === 0n ? 1n : value);
}

/**
 * Whether an SRP_A could come from a client: hex, and not 0 mod N, a value that would make the
 * shared secret 0 whatever the password.
 */
export function isSrpPublicValue(srpA: string): boolean {
  const A = parseHex(srpA);
  return A !== undefined && A % N !== 0n;
}

/** Draws the server's ephemeral secret b and computes B = (k·v + g^b) mod N. */
export function startPasswordVerification(verifier: string): ServerChallenge {
  const v = parseHex(verifier);
  if (v === undefined || v % N === 0n) throw new TypeError('The verifier must be a non-zero hex');
  for (;;) {
    const b = BigInt(`0x${randomBytes(32).toString('hex')}`);
    const B = (K * v + modPow(G, b, N)) % N;
    if (b !== 0n && B !== 0n) return { serverSecret: b.toString(16), srpB: B.toString(16) };
  }
}

/** A fresh random SECRET_BLOCK (standard base64) for one PASSWORD_VERIFIER challenge. */
export function createSecretBlock(): string {
  return randomBytes(64).toString('base64');
}

/**
 * Checks a PASSWORD_CLAIM_SIGNATURE. Returns false, and never throws, for a wrong password or any
 * malformed input. The TIMESTAMP is only checked as signed data: its format and age are the
 * caller's policy (see {@link parseCognitoTimestamp}).
 */
export function verifyPasswordClaim(claim: PasswordClaim): boolean {
  try {
    return checkClaim(claim);
  } catch {
    return false;
  }
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const TIMESTAMP =
  /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):([0-5]\d):([0-5]\d) UTC (\d{4})$/;

/**
 * Parses a TIMESTAMP as the Cognito SDKs write it, `Fri Nov 6 09:05:03 UTC 2026` (day not
 * padded); undefined unless the date exists and the weekday matches it.
 */
export function parseCognitoTimestamp(value: string): Date | undefined {
  const match = typeof value === 'string' ? TIMESTAMP.exec(value) : null;
  if (!match) return undefined;
  const [, weekday = '', month = '', day, hours, minutes, seconds, year] = match;
  const date = new Date(0);
  date.setUTCFullYear(Number(year), MONTHS.indexOf(month), Number(day));
  date.setUTCHours(Number(hours), Number(minutes), Number(seconds));
  const consistent = date.getUTCDate() === Number(day) && WEEKDAYS[date.getUTCDay()] === weekday;
  return consistent ? date : undefined;
}

/** Whether a TIMESTAMP challenge response is well-formed (see {@link parseCognitoTimestamp}). */
export function isCognitoTimestamp(value: string): boolean {
  return parseCognitoTimestamp(value) !== undefined;
}

function checkClaim(claim: PasswordClaim): boolean {
  const A = parseHex(claim.srpA);
  const B = parseHex(claim.srpB);
  const b = parseHex(claim.serverSecret);
  const v = parseHex(claim.verifier);
  const secretBlock = decodeBase64(claim.secretBlock);
  if (A === undefined || B === undefined || b === undefined || v === undefined) return false;
  if (A % N === 0n || B % N === 0n || !secretBlock || secretBlock.length === 0) return false;
  if (typeof claim.signature !== 'string' || typeof claim.timestamp !== 'string') return false;

  const u = hashToInteger(bytesOf(A), bytesOf(B));
  if (u === 0n) return false;
  const S = modPow((A * modPow(v, u, N)) % N, b, N);
  const key = Buffer.from(
    hkdfSync('sha256', bytesOf(S), bytesOf(u), Buffer.from('Caldera Derived Key', 'utf8'), 16),
  );
  const expected = Buffer.from(
    createHmac('sha256', key)
      .update(Buffer.from(claim.poolName, 'utf8'))
      .update(Buffer.from(claim.userIdForSrp, 'utf8'))
      .update(secretBlock)
      .update(Buffer.from(claim.timestamp, 'utf8'))
      .digest('base64'),
  );
  // Only the canonical base64 every Cognito SDK sends is accepted, so no two spellings of one
  // signature pass.
  const actual = Buffer.from(claim.signature, 'utf8');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function passwordExponent(
  poolName: string,
  userIdForSrp: string,
  password: string,
  salt: bigint,
): bigint {
  const identity = createHash('sha256')
    .update(Buffer.from(`${poolName}${userIdForSrp}:${password}`, 'utf8'))
    .digest();
  return hashToInteger(bytesOf(salt), identity);
}

function bytesOf(value: bigint): Buffer {
  return Buffer.from(toPaddedHex(value), 'hex');
}

function hashToInteger(...parts: Buffer[]): bigint {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return BigInt(`0x${hash.digest('hex')}`);
}

function parseHex(value: string): bigint | undefined {
  if (typeof value !== 'string' || value.length > MAX_HEX_LENGTH || !HEX.test(value)) {
    return undefined;
  }
  return BigInt(`0x${value}`);
}

// Amplify decodes SECRET_BLOCK leniently (URL-safe alphabet, padding optional), so the bytes it
// signs are those of the same lenient reading.
function decodeBase64(value: string): Buffer | undefined {
  if (typeof value !== 'string') return undefined;
  const standard = value.replace(/-/g, '+').replace(/_/g, '/');
  const padded = standard + '='.repeat((4 - (standard.length % 4)) % 4);
  return BASE64.test(padded) ? Buffer.from(padded, 'base64') : undefined;
}

// 3072-bit multiplications dominate every step, so a 4-bit window is used: one multiplication per
// hex digit of the exponent instead of one per set bit.
function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  const reduced = base % modulus;
  const table = [1n, reduced];
  for (let i = 2; i < 16; i++) table.push(((table[i - 1] ?? 1n) * reduced) % modulus);
  let result = 1n;
  for (const digit of exponent.toString(16)) {
    result = (result * result) % modulus;
    result = (result * result) % modulus;
    result = (result * result) % modulus;
    result = (result * result) % modulus;
    const index = Number.parseInt(digit, 16);
    if (index !== 0) result = (result * (table[index] ?? 1n)) % modulus;
  }
  return result;
}
