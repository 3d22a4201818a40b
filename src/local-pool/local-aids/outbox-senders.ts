import { AsyncLocalStorage } from 'node:async_hooks';
import { LOCAL_OUTBOX_SLOT } from '../../triggers/delivery/local-delivery.ts';
import type { LocalLog, OutboxEntry } from './local-log.ts';

/** What a trigger under the pool "sent": an outbox entry without its kind and time. */
type OutboxSend = Pick<OutboxEntry, 'username' | 'destination' | 'code' | 'link'>;

/** The pool a trigger runs under, as its senders see it. */
export interface OutboxTarget {
  send(entry: OutboxSend): void;
}

// One per process, even when the kit is loaded twice: a TypeScript triggers file that the
// pool loads through tsx gets its own copy of every module it imports, this one included, and
// a bundled handler carries its own copy of the senders that look for it.
const slot: unique symbol = Symbol.for(LOCAL_OUTBOX_SLOT);
const shared = globalThis as { [slot]?: AsyncLocalStorage<OutboxTarget> };
shared[slot] ??= new AsyncLocalStorage<OutboxTarget>();
const targets = shared[slot];

/** Runs a trigger so that its sends land in this pool's outbox. */
export function runWithOutbox<T>(target: OutboxTarget, run: () => T): T {
  return targets.run(target, run);
}

/** The pool's "email": an outbox entry, and a line in its log. */
export function outboxTarget(outbox: LocalLog<OutboxEntry>, log: (line: string) => void) {
  return {
    send(entry: OutboxSend) {
      outbox.add({ ...entry, kind: 'challenge', time: new Date().toISOString() });
      const { username, destination, code, link } = entry;
      log(
        link === undefined
          ? `sign-in code for ${username} (${destination}): ${code}`
          : `sign-in link for ${username} (${destination}): ${link} (code ${code})`,
      );
    },
  } satisfies OutboxTarget;
}

function currentTarget(sender: string): OutboxTarget {
  const target = targets.getStore();
  if (!target) {
    throw new Error(
      `${sender} sends to the local pool's outbox, so it works only in triggers the local pool ` +
        'runs (cognito-custom-auth-pool --triggers, or startLocalPool({ triggers })). On AWS, ' +
        'send with sendCodeWithSes, sendCodeWithSns or a sender of your own.',
    );
  }
  return target;
}

/**
 * What the outbox senders read of a send: the `SendCodeInput` or `SendLinkInput` the trigger
 * steps give a sender (only the event's `userName`, for whose outbox entry it is).
 */
export interface OutboxSenderInput {
  destination: string;
  code: string;
  event: { userName: string };
}

/**
 * A `sendCode` for triggers run by the local pool: the code goes to the pool's outbox
 * (`/_local/outbox`, `pool.outbox()`) and its log, as the pool's built-in triggers send theirs.
 * Anywhere else it fails the trigger, so it cannot stand in for a real sender by mistake.
 */
export async function sendCodeToOutbox({
  destination,
  code,
  event,
}: OutboxSenderInput): Promise<void> {
  currentTarget('sendCodeToOutbox').send({ username: event.userName, destination, code });
}

/** A `sendLink` for `magicLinkStep` in triggers run by the local pool; as {@link sendCodeToOutbox}. */
export async function sendLinkToOutbox({
  destination,
  link,
  code,
  event,
}: OutboxSenderInput & { link: string }): Promise<void> {
  currentTarget('sendLinkToOutbox').send({ username: event.userName, destination, code, link });
}
