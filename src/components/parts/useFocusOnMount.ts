import { type RefObject, useEffect, useRef } from 'react';

/** Moves focus to the element when its screen appears, so keyboard users start there. */
export function useFocusOnMount<T extends HTMLElement>(): RefObject<T | null> {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
