import type { StepUpStore } from '../../../triggers/chain/step-up.ts';

/** A passkey as the server keeps it: what verifying its next assertion needs, and its story. */
export interface StoredPasskey {
  /** The credential id, base64url. */
  id: string;
  /** The COSE public key, base64url. */
  publicKey: string;
  /** The signature counter last seen; 0 for passkeys that keep none (most synced ones). */
  counter: number;
  /** How the browser may reach it (`internal`, `hybrid`, `usb`...), as it said at registration. */
  transports: string[];
  /** Synced to the user's other devices (backed up), as its last ceremony said. */
  backedUp: boolean;
  /** `multiDevice` when it may be synced (backup eligible), else `singleDevice`. */
  deviceType: 'singleDevice' | 'multiDevice';
  /** Epoch ms. */
  createdAt: number;
  /** Epoch ms of the last sign-in with it, or null. */
  lastUsedAt: number | null;
  /** The authenticator's model (AAGUID), as it said at registration; absent on older records. */
  aaguid?: string;
}

/** A sign-in with a passkey, to record: only over the counter it was checked against. */
export interface PasskeyUse {
  /** The counter the assertion signed. */
  counter: number;
  /** The stored counter the assertion was checked against. */
  expectedCounter: number;
  /** Epoch ms. */
  usedAt: number;
  /** Synced, as the assertion said. */
  backedUp: boolean;
}

/**
 * Where passkeys live, by owner: the account's `sub`, never its name (pools are
 * case-sensitive by default, and a name can be given up and taken by someone else). Writes
 * resolve once durable: a sign-in or an enrolment is answered only after them.
 */
export interface PasskeyStore extends StepUpStore {
  /** The owner's passkeys, oldest first. */
  list(owner: string): Promise<StoredPasskey[]>;
  /** Adds a passkey; false when its id is registered already (to anyone). */
  add(owner: string, passkey: StoredPasskey): Promise<boolean>;
  /**
   * Records a sign-in; false when the stored counter is no longer `expectedCounter` (another
   * sign-in with the same passkey got there first) or the passkey is gone.
   */
  recordUse(owner: string, id: string, use: PasskeyUse): Promise<boolean>;
  /** False when the owner has no such passkey. */
  remove(owner: string, id: string): Promise<boolean>;
  /**
   * Keeps a challenge issued before anyone named a user (a sign-in from the username field's
   * autofill) until `expiresAt` (epoch ms), for one sign-in to take.
   */
  addChallenge(challenge: string, expiresAt: number): Promise<void>;
  /** True once for a challenge added and not yet expired at `now`: it is gone after. */
  takeChallenge(challenge: string, now: number): Promise<boolean>;
}

/** The challenges and step-ups a memory store keeps at most. */
const MEMORY_LIMIT = 10_000;

/** Options of {@link createMemoryPasskeyStore}. */
export interface MemoryPasskeyStoreOptions {
  /**
   * The passkeys by owner to start from and keep up to date, in place: a store of your own
   * that saves them (the local pool keeps them with its users) passes its record here.
   */
  passkeys?: Record<string, StoredPasskey[]>;
  /** Called after each change; a change is answered once it resolves. */
  saved?: () => Promise<void>;
}

/**
 * Passkeys in this process's memory: the local pool's store and the tests'. On AWS, Create
 * and Verify run in different Lambdas, so keep them in a durable store there.
 */
export function createMemoryPasskeyStore(options: MemoryPasskeyStoreOptions = {}): PasskeyStore {
  const byOwner = options.passkeys ?? {};
  const saved = options.saved ?? (async () => {});
  const listOf = (owner: string) => (Object.hasOwn(byOwner, owner) ? byOwner[owner] : undefined);
  const ownerOf = (id: string) =>
    Object.keys(byOwner).find((owner) => listOf(owner)?.some((passkey) => passkey.id === id));
  const copy = (passkey: StoredPasskey): StoredPasskey => ({
    ...passkey,
    transports: [...passkey.transports],
  });
  // Challenges and step-ups, by key, until they expire. Not saved with the passkeys: neither
  // outlives its minutes, nor the process.
  const once = new Map<string, number>();
  let writesSinceSweep = 0;
  const keep = (key: string, expiresAt: number) => {
    // Expired ones go every 1,024 writes, so memory follows the ones still waiting at no cost
    // per write; and a flood of challenges past a bound pushes out the oldest, which cost
    // nobody but its asker.
    if (++writesSinceSweep >= 1024) {
      writesSinceSweep = 0;
      const now = Date.now();
      for (const [kept, until] of once) if (until <= now) once.delete(kept);
    }
    if (once.size >= MEMORY_LIMIT) once.delete(once.keys().next().value as string);
    once.set(key, expiresAt);
  };
  const take = (key: string, now: number) => {
    const expiresAt = once.get(key);
    once.delete(key);
    return expiresAt !== undefined && expiresAt > now;
  };
  return {
    async list(owner) {
      return (listOf(owner) ?? []).map(copy).sort((a, b) => a.createdAt - b.createdAt);
    },
    async add(owner, passkey) {
      if (ownerOf(passkey.id) !== undefined) return false;
      Object.defineProperty(byOwner, owner, {
        value: [...(listOf(owner) ?? []), copy(passkey)],
        enumerable: true,
        writable: true,
        configurable: true,
      });
      await saved();
      return true;
    },
    async recordUse(owner, id, use) {
      const passkey = listOf(owner)?.find((candidate) => candidate.id === id);
      if (!passkey || passkey.counter !== use.expectedCounter) return false;
      Object.assign(passkey, {
        counter: use.counter,
        lastUsedAt: use.usedAt,
        backedUp: use.backedUp,
      });
      await saved();
      return true;
    },
    async remove(owner, id) {
      const passkeys = listOf(owner) ?? [];
      const kept = passkeys.filter((passkey) => passkey.id !== id);
      if (kept.length === passkeys.length) return false;
      byOwner[owner] = kept;
      await saved();
      return true;
    },
    addChallenge: async (challenge, expiresAt) => keep(`challenge\0${challenge}`, expiresAt),
    takeChallenge: async (challenge, now) => take(`challenge\0${challenge}`, now),
    addGrant: async (owner, digest, expiresAt) => keep(`grant\0${owner}\0${digest}`, expiresAt),
    takeGrant: async (owner, digest, now) => take(`grant\0${owner}\0${digest}`, now),
  };
}
