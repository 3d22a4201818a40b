import { useEffect, useRef } from 'react';
import type { AuthUserInfo } from '../machine/index.ts';
import { routeOf } from '../machine/index.ts';
import { useCustomAuthActor } from '../react/index.ts';

/**
 * Calls `onSignIn` when the flow reaches signedIn and `onSignOut` when it leaves it, by
 * watching the actor directly, so no component re-renders for it.
 */
export function useAuthEvents(
  onSignIn: ((user: AuthUserInfo) => void) | undefined,
  onSignOut: (() => void) | undefined,
) {
  const actor = useCustomAuthActor();
  const callbacks = useRef({ onSignIn, onSignOut });
  useEffect(() => {
    callbacks.current = { onSignIn, onSignOut };
  });
  useEffect(() => {
    let previous = routeOf(actor.getSnapshot());
    const subscription = actor.subscribe((snapshot) => {
      const route = routeOf(snapshot);
      if (route === previous) return;
      const { user } = snapshot.context;
      if (route === 'signedIn' && user) callbacks.current.onSignIn?.(user);
      if (previous === 'signedIn') callbacks.current.onSignOut?.();
      previous = route;
    });
    return () => subscription.unsubscribe();
  }, [actor]);
}
