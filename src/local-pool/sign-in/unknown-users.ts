import { createHmac } from 'node:crypto';
import { defaultUsernameKey, type UsernameKey } from '../persistence/usernames.ts';
import { type PasswordVerifier, toPaddedHex, verifierFromSeed } from './srp.ts';

/**
 * Salts and verifiers for users that do not exist, derived from a key kept with the pool's
 * data: the same on every attempt and across restarts, as a real user's are, so the
 * PASSWORD_VERIFIER challenge of an unknown user cannot be told from a real one's.
 *
 * Deriving them costs a few HMACs and no modular exponentiation, so an unknown user's
 * challenge takes the same work as a real one's, whose verifier is already stored.
 */
export class UnknownUsers {
  private readonly key: Buffer;

  /**
   * `secret`: hex, at least 32 bytes of randomness. `nameKey`: the pool's username key, so names
   * the pool tells apart get credentials of their own, as two real users would.
   */
  constructor(
    secret: string,
    private readonly nameKey: UsernameKey = defaultUsernameKey,
  ) {
    this.key = Buffer.from(secret, 'hex');
    if (this.key.length < 16) throw new RangeError('The unknown-user secret is too short.');
  }

  credentials(userPoolId: string, username: string): PasswordVerifier {
    const name = `${userPoolId}\0${this.nameKey(username)}`;
    // Padded like a real salt (16 random bytes), so its length and leading zeros give nothing away.
    const salt = toPaddedHex(BigInt(`0x${this.derive('salt', name, 16).toString('hex')}`));
    return { salt, verifier: verifierFromSeed(this.derive('verifier', name, 416)) };
  }

  private derive(purpose: string, name: string, length: number): Buffer {
    const blocks: Buffer[] = [];
    for (let counter = 0; blocks.length * 32 < length; counter++) {
      blocks.push(
        createHmac('sha256', this.key).update(`${purpose}\0${counter}\0${name}`).digest(),
      );
    }
    return Buffer.concat(blocks).subarray(0, length);
  }
}
