import type { PasskeyStore } from '../../challenges/passkey/server/passkey-store.ts';
import type { ChainStep } from '../../triggers/chain/chain-step.ts';

/** What the pool hands every preset, so that a step can use the pool's own keys. */
export interface ChainPresetContext {
  /** The pool's link key: derived from its secret, so links survive restarts with the data. */
  linkSecret: string;
  /** The pool's passkeys, one store for every step and app client, as one table would be. */
  passkeys: PasskeyStore;
}

/**
 * One step of a pool's chain, made for the local pool: it sends to the outbox and needs no
 * account anywhere. A challenge type's presets live beside it, in its folder's `pool.ts`.
 */
export type ChainPreset = (context: ChainPresetContext) => ChainStep;
