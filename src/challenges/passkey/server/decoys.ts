import { createHmac } from 'node:crypto';
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
