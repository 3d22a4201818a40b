import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { CustomAuthSnapshot } from '../machine/index.ts';
import type { CustomAuthActor } from './CustomAuthProvider.tsx';

export function shallowEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every(
    (key) =>
      Object.hasOwn(b, key) &&
      Object.is((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

interface Selection<T> {
  snapshot: CustomAuthSnapshot;
  select: (snapshot: CustomAuthSnapshot) => T;
  selected: T;
}

/**
 * A slice of the actor's snapshot that keeps its identity while it is shallowly equal, so
 * the component re-renders only when the slice changes. React's own store hook does the
 * subscribing; this replaces @xstate/react's selector hook and its compatibility shim. On
 * the server and while hydrating, the slice comes from `serverSnapshot`.
 */
export function useSnapshotSelection<T>(
  actor: CustomAuthActor,
  select: (snapshot: CustomAuthSnapshot) => T,
  serverSnapshot: () => CustomAuthSnapshot,
): T {
  const last = useRef<Selection<T> | null>(null);
  const subscribe = useCallback(
    (onChange: () => void) => {
      const subscription = actor.subscribe({ next: onChange, error: onChange });
      return () => subscription.unsubscribe();
    },
    [actor],
  );
  // One cache serves both: React asks for the server's slice only while hydrating.
  const read = (snapshot: CustomAuthSnapshot) => {
    const previous = last.current;
    if (previous && previous.snapshot === snapshot && previous.select === select) {
      return previous.selected;
    }
    const next = select(snapshot);
    const selected = previous && shallowEqual(previous.selected, next) ? previous.selected : next;
    last.current = { snapshot, select, selected };
    return selected;
  };
  return useSyncExternalStore(
    subscribe,
    () => read(actor.getSnapshot()),
    () => read(serverSnapshot()),
  );
}
