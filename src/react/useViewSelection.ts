import { useRef, useSyncExternalStore } from 'react';
import type { CustomAuthView } from '../machine/index.ts';
import type { CustomAuthStore } from './store.ts';

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
  view: CustomAuthView;
  select: (view: CustomAuthView) => T;
  selected: T;
}

/**
 * A slice of the flow's view that keeps its identity while it is shallowly equal, so the
 * component re-renders only when the slice changes. React's own store hook does the
 * subscribing; this replaces @xstate/react's selector hook and its compatibility shim. On
 * the server and while hydrating, the slice comes from the server's view.
 */
export function useViewSelection<T>(
  store: CustomAuthStore,
  select: (view: CustomAuthView) => T,
): T {
  const last = useRef<Selection<T> | null>(null);
  // One cache serves both: React asks for the server's slice only while hydrating.
  const read = (view: CustomAuthView) => {
    const previous = last.current;
    if (previous && previous.view === view && previous.select === select) {
      return previous.selected;
    }
    const next = select(view);
    const selected = previous && shallowEqual(previous.selected, next) ? previous.selected : next;
    last.current = { view, select, selected };
    return selected;
  };
  return useSyncExternalStore(
    store.subscribe,
    () => read(store.view()),
    () => read(store.serverView),
  );
}
