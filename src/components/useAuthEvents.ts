import { useEffect, useRef } from 'react';
import type { AuthUserInfo } from '../machine/index.ts';
import { routeOf } from '../machine/view.ts';
import { useCustomAuthActor } from '../react/index.ts';

/**
 * Calls `onSignIn` when the user signs in and `onSignOut` when they sign out, by
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
      // A session restored at start-up is not a sign-in.
      if (route === 'signedIn' && user && previous !== 'initializing') {
        callbacks.current.onSignIn?.(user);
      }
      if (previous === 'signedIn') callbacks.current.onSignOut?.();
      previous = route;
    });
    return () => subscription.unsubscribe();
  }, [actor]);
}
