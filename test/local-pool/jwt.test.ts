import { importJWK, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { generateRsaJwk, rsaKeys, signJwt, verifyJwt } from '../../src/local-pool/tokens/jwt.ts';

const issuer = 'http://127.0.0.1:9229/local_pool';
const keys = rsaKeys(generateRsaJwk());
const now = Math.floor(Date.now() / 1000);
const claims = { sub: 'ann', iss: issuer, iat: now, exp: now + 60, token_use: 'access' };

/** The token with one base64url part replaced. */
function withPart(token: string, index: number, value: unknown): string {
  const parts = token.split('.');
  parts[index] = Buffer.from(JSON.stringify(value)).toString('base64url');
  return parts.join('.');
}

describe('the pool’s RS256 tokens', () => {
  it('verify with an independent JOSE library against the published key', async () => {
    const token = signJwt(claims, keys);
    const { payload, protectedHeader } = await jwtVerify(
      token,
      await importJWK(keys.publicJwk, 'RS256'),
      { issuer },
    );
    expect(protectedHeader).toEqual({ alg: 'RS256', kid: keys.publicJwk.kid });
    expect(payload).toEqual(claims);
  });

  it('come back as their claims while live', () => {
    expect(verifyJwt(signJwt(claims, keys), keys, issuer)).toEqual(claims);
  });

  it('are refused when expired, foreign, tampered with or malformed', () => {
    const token = signJwt(claims, keys);
    const other = rsaKeys(generateRsaJwk());
    const refused = {
      expired: verifyJwt(token, keys, issuer, now + 60),
      'another issuer': verifyJwt(token, keys, 'http://127.0.0.1:1/other'),
      'another key': verifyJwt(signJwt(claims, other), keys, issuer),
      'changed claims': verifyJwt(withPart(token, 1, { ...claims, sub: 'bob' }), keys, issuer),
      'alg none': verifyJwt(
        withPart(token, 0, { alg: 'none', kid: keys.publicJwk.kid }),
        keys,
        issuer,
      ),
      'no expiry': verifyJwt(signJwt({ ...claims, exp: undefined }, keys), keys, issuer),
      'two parts': verifyJwt(token.split('.').slice(0, 2).join('.'), keys, issuer),
      'not JSON': verifyJwt(`x.${token.split('.')[1]}.y`, keys, issuer),
    };
    expect(refused).toEqual(Object.fromEntries(Object.keys(refused).map((name) => [name, null])));
  });
});
