import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const nonceBytes = 48;
const macBytes = 32;
/**
 * A token carries its own expiry under a MAC, so an expired session is told apart from one the
 * pool never issued without keeping either: nonce | expiry (ms, 8 bytes) | HMAC of both.
 */
export class SessionTokens {
  private readonly key = randomBytes(32);

  create(expiresAt: number): string {
    const body = Buffer.alloc(nonceBytes + 8);
    randomBytes(nonceBytes).copy(body);
    body.writeBigUInt64BE(BigInt(expiresAt), nonceBytes);
    return Buffer.concat([body, this.mac(body)]).toString('base64');
  }

  /** The expiry a token was issued with, or undefined when the pool did not issue it. */
  expiryOf(token: string): number | undefined {
    const bytes = Buffer.from(token, 'base64');
    if (bytes.length !== nonceBytes + 8 + macBytes) return undefined;
    const body = bytes.subarray(0, nonceBytes + 8);
    if (!timingSafeEqual(bytes.subarray(nonceBytes + 8), this.mac(body))) return undefined;
    return Number(body.readBigUInt64BE(nonceBytes));
  }

  private mac(body: Buffer): Buffer {
    return createHmac('sha256', this.key).update(body).digest();
  }
}
