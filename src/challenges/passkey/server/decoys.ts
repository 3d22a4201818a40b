import { createHmac, generateKeyPairSync } from 'node:crypto';
import { lazily } from '../../../triggers/common/lazily.ts';
import type { PasskeyDescriptorJSON } from '../protocol.ts';

/**
 * The passkeys an unknown user seems to have: none, one or two, with ids of the length
 * platform authenticators give, the same at every sign-in (keyed by the store's secret, so
 * nobody without it can tell them from real ones or recompute them).
 */
export function decoyPasskeys(secret: string, username: string): PasskeyDescriptorJSON[] {
  const digest = (label: string) =>
    createHmac('sha256', `${secret}:passkeys:${label}`).update(username.toLowerCase()).digest();
  const roll = (digest('count')[0] ?? 0) % 20;
  const count = roll < 10 ? 0 : roll < 17 ? 1 : 2;
  return Array.from({ length: count }, (_, index) => ({
    id: digest(String(index)).subarray(0, 16).toString('base64url'),
    type: 'public-key' as const,
    transports: ['hybrid', 'internal'],
  }));
}

/**
 * A passkey nobody holds (an ES256 key made once per process and thrown away), to check an
 * answer against when its id names none of the user's: the check then costs what a real
 * one does, so an unknown user, or an id that is not theirs, takes as long as a real passkey.
 */
export const decoyPublicKey = lazily(async () => {
  const { x, y } = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({
    format: 'jwk',
  });
  const coordinate = (value: string | undefined) => Buffer.from(value ?? '', 'base64url');
  // The COSE key, CBOR by hand: {1: 2 (EC2), 3: -7 (ES256), -1: 1 (P-256), -2: x, -3: y}.
  return Buffer.concat([
    Buffer.from([0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20]),
    coordinate(x),
    Buffer.from([0x22, 0x58, 0x20]),
    coordinate(y),
  ]);
});
