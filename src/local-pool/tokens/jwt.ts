import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type JsonWebKey,
  type KeyObject,
  randomUUID,
  sign,
  verify,
} from 'node:crypto';

/** A JSON Web Key as the pool stores and publishes it. */
export type Jwk = JsonWebKey & { kid?: string; alg?: string; use?: string };

export type JwtClaims = Record<string, unknown> & { exp?: number; iss?: string };

/** RS256 signing with Node's own crypto, so the pool needs no JOSE library at run time. */
export interface RsaKeys {
  privateJwk: Jwk;
  publicJwk: Jwk;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** A new 2048-bit RSA key with a fresh key id, in JWK form for storing. */
export function generateRsaJwk(): Jwk {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256' };
}

export function rsaKeys(privateJwk: Jwk): RsaKeys {
  const { kty, n, e, kid } = privateJwk;
  const publicJwk: Jwk = { kty, n, e, kid, alg: 'RS256', use: 'sig' };
  return {
    privateJwk,
    publicJwk,
    privateKey: createPrivateKey({ key: privateJwk, format: 'jwk' }),
    publicKey: createPublicKey({ key: publicJwk, format: 'jwk' }),
  };
}

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function signJwt(claims: JwtClaims, keys: RsaKeys): string {
  const header = encode({ alg: 'RS256', kid: keys.publicJwk.kid });
  const signingInput = `${header}.${encode(claims)}`;
  const signature = sign('sha256', Buffer.from(signingInput), keys.privateKey);
  return `${signingInput}.${signature.toString('base64url')}`;
}

function decodeJson(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/**
 * The claims of a token this key signed for `issuer` that has not expired, or null for
 * anything else: a wrong algorithm or key id, a bad signature, an expired or foreign token.
 */
export function verifyJwt(
  token: string,
  keys: RsaKeys,
  issuer: string,
  nowSeconds = Date.now() / 1000,
): JwtClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [header, payload, signature] = parts as [string, string, string];
  const protectedHeader = decodeJson(header);
  if (protectedHeader?.alg !== 'RS256' || protectedHeader.kid !== keys.publicJwk.kid) return null;
  const signed = verify(
    'sha256',
    Buffer.from(`${header}.${payload}`),
    keys.publicKey,
    Buffer.from(signature, 'base64url'),
  );
  if (!signed) return null;
  const claims = decodeJson(payload) as JwtClaims | null;
  if (!claims || claims.iss !== issuer) return null;
  if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds) return null;
  return claims;
}
