import { randomBytes } from 'node:crypto';
import type { StepChallenge } from '../../../triggers/chain/chain-step.ts';
import {
  type PasskeyCreationOptionsJSON,
  type PasskeyDescriptorJSON,
  type PasskeyRequestOptionsJSON,
  passkeyParameters,
} from '../protocol.ts';
import type { StoredPasskey } from './passkey-store.ts';

/** A fresh challenge for one round: 32 random bytes. */
export const freshChallenge = () => randomBytes(32).toString('base64url');

/** The shape of what `freshChallenge` makes: 32 bytes, base64url. */
export const freshChallengeShape = /^[\w-]{43}$/;

/** Stored passkeys as options list them. */
export const descriptorsOf = (passkeys: readonly StoredPasskey[]): PasskeyDescriptorJSON[] =>
  passkeys.map(({ id, transports }) => ({ id, type: 'public-key', transports }));

/**
 * One round of a passkey ceremony: the options for the browser, and their challenge kept
 * private, where only this session's Verify sees it.
 */
export const ceremonyRound = (
  hint: string | undefined,
  publicKey: PasskeyRequestOptionsJSON | PasskeyCreationOptionsJSON,
): StepChallenge => ({
  hint,
  parameters: passkeyParameters(publicKey),
  privateParameters: { challenge: publicKey.challenge },
  metadata: '',
});
