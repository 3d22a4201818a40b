import type { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Where the local user pool keeps its outbox while it runs a trigger: a global slot, so that
 * every copy of the kit in the process finds it (a bundled handler carries its own copy).
 */
export const LOCAL_OUTBOX_SLOT = 'cognito-custom-auth.local-pool.outbox';

/** A message as the local pool's outbox takes it. */
export interface LocalDelivery {
  username: string;
  destination: string;
  code: string;
  link?: string;
}

export interface LocalOutbox {
  send(entry: LocalDelivery): void;
}

/**
 * The local pool's outbox, when this trigger runs under it: the AWS senders deliver there
 * instead, so that handlers deployed as they are (`cognito-custom-auth-pool --template`) run
 * offline. On Lambda nothing fills the slot, and they send for real.
 */
export function localOutbox(): LocalOutbox | undefined {
  const slot = Symbol.for(LOCAL_OUTBOX_SLOT);
  return (globalThis as { [slot]?: AsyncLocalStorage<LocalOutbox> })[slot]?.getStore();
}
