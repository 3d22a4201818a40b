/**
 * An independent client side of Cognito SRP, written from the protocol rather than from
 * src/local-pool/sign-in/srp.ts, so that the two can check each other: byte-level helpers, the
 * exponentiation and the HKDF are deliberately done differently.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';

/** RFC 3526, section 4: the 3072-bit MODP group prime. */
export const PRIME = BigInt(
  `0x${[
    'FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1 29024E08 8A67CC74',
    '020BBEA6 3B139B22 514A0879 8E3404DD EF9519B3 CD3A431B 302B0A6D F25F1437',
    '4FE1356D 6D51C245 E485B576 625E7EC6 F44C42E9 A637ED6B 0BFF5CB6 F406B7ED',
    'EE386BFB 5A899FA5 AE9F2411 7C4B1FE6 49286651 ECE45B3D C2007CB8 A163BF05',
    '98DA4836 1C55D39A 69163FA8 FD24CF5F 83655D23 DCA3AD96 1C62F356 208552BB',
    '9ED52907 7096966D 670C354E 4ABC9804 F1746C08 CA18217C 32905E46 2E36CE3B',
    'E39E772C 180E8603 9B2783A2 EC07A28F B5C55DF0 6F4C52C9 DE2BCBF6 95581718',
    '3995497C EA956AE5 15D22618 98FA0510 15728E5A 8AAAC42D AD33170D 04507A33',
    'A85521AB DF1CBA64 ECFB8504 58DBEF0A 8AEA7157 5D060C7D B3970F85 A6E1E4C7',
    'ABF5AE8C DB0933D7 1E8C94E0 4A25619D CEE3D226 1AD2EE6B F12FFA06 D98A0864',
    'D8760273 3EC86A64 521F2B18 177B200C BBE11757 7A615D6C 770988C0 BAD946E2',
    '08E24FA0 74E5AB31 43DB5BFC E0FD108E 4B82D120 A93AD2CA FFFFFFFF FFFFFFFF',
  ]
    .join('')
    .replace(/ /g, '')}`,
);
export const GENERATOR = 2n;

/** The big-endian bytes of Java's `BigInteger.toByteArray()` for a non-negative integer. */
export function javaBytes(value: bigint): Uint8Array {
  const littleEndian: number[] = [];
  let rest = value;
  do {
    littleEndian.push(Number(rest & 0xffn));
    rest >>= 8n;
  } while (rest > 0n);
  if ((littleEndian[littleEndian.length - 1] ?? 0) >= 0x80) littleEndian.push(0);
  return Uint8Array.from(littleEndian.reverse());
}

/** Right-to-left binary exponentiation. */
export function power(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let square = ((base % modulus) + modulus) % modulus;
  for (let rest = exponent; rest > 0n; rest >>= 1n) {
    if (rest & 1n) result = (result * square) % modulus;
    square = (square * square) % modulus;
  }
  return result;
}

function sha256(...parts: Uint8Array[]): Buffer {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

function toInteger(bytes: Uint8Array): bigint {
  return bytes.reduce((value, byte) => (value << 8n) | BigInt(byte), 0n);
}

const utf8 = (text: string) => new TextEncoder().encode(text);

const multiplier = toInteger(sha256(javaBytes(PRIME), javaBytes(GENERATOR)));

function privateKey(poolName: string, userIdForSrp: string, password: string, salt: string) {
  const inner = sha256(utf8(`${poolName}${userIdForSrp}:${password}`));
  return toInteger(sha256(javaBytes(BigInt(`0x${salt}`)), inner));
}

/** v = g^x mod N, for building fixtures with a chosen salt. */
export function clientVerifier(
  poolName: string,
  userIdForSrp: string,
  password: string,
  salt: string,
): bigint {
  return power(GENERATOR, privateKey(poolName, userIdForSrp, password, salt), PRIME);
}

/** B = (k·v + g^b) mod N, for building fixtures with a chosen server secret. */
export function serverPublicValue(verifier: bigint, serverSecret: bigint): bigint {
  return (multiplier * verifier + power(GENERATOR, serverSecret, PRIME)) % PRIME;
}

/** The client's ephemeral pair; SRP_A is unpadded lowercase hex, as Amplify sends it. */
export function startClient(a: bigint = toInteger(randomBytes(128))) {
  return { a, srpA: power(GENERATOR, a, PRIME).toString(16) };
}

/** `Fri Nov 6 09:05:03 UTC 2026`, derived from the RFC 7231 date `toUTCString()` writes. */
export function cognitoTimestamp(date: Date): string {
  const [weekday = '', day = '', month = '', year = '', time = ''] = date.toUTCString().split(' ');
  return `${weekday.replace(',', '')} ${month} ${Number(day)} ${time} UTC ${year}`;
}

export interface VerifierChallenge {
  SALT: string;
  SRP_B: string;
  SECRET_BLOCK: string;
  USER_ID_FOR_SRP: string;
}

/** The ChallengeResponses of PASSWORD_VERIFIER, plus u and S to see which cases were hit. */
export function answerPasswordVerifier(input: {
  poolName: string;
  password: string;
  a: bigint;
  challenge: VerifierChallenge;
  timestamp?: string;
}) {
  const { poolName, password, a, challenge } = input;
  const timestamp = input.timestamp ?? cognitoTimestamp(new Date());
  const A = power(GENERATOR, a, PRIME);
  const B = BigInt(`0x${challenge.SRP_B}`);
  const u = toInteger(sha256(javaBytes(A), javaBytes(B)));
  const x = privateKey(poolName, challenge.USER_ID_FOR_SRP, password, challenge.SALT);
  const S = power(B - multiplier * power(GENERATOR, x, PRIME), a + u * x, PRIME);

  const prk = createHmac('sha256', javaBytes(u)).update(javaBytes(S)).digest();
  const key = createHmac('sha256', prk)
    .update(utf8('Caldera Derived Key\u0001'))
    .digest()
    .subarray(0, 16);
  const signature = createHmac('sha256', key)
    .update(utf8(poolName))
    .update(utf8(challenge.USER_ID_FOR_SRP))
    .update(Buffer.from(challenge.SECRET_BLOCK, 'base64'))
    .update(utf8(timestamp))
    .digest('base64');
  return {
    responses: {
      USERNAME: challenge.USER_ID_FOR_SRP,
      PASSWORD_CLAIM_SECRET_BLOCK: challenge.SECRET_BLOCK,
      TIMESTAMP: timestamp,
      PASSWORD_CLAIM_SIGNATURE: signature,
    },
    A,
    B,
    u,
    S,
  };
}
