import { useEffect, useRef } from 'react';
import type { AuthUserInfo } from '../machine/index.ts';
import { useCustomAuthContext } from '../react/CustomAuthProvider.tsx';

/**
 * Calls `onSignIn` when the user signs in and `onSignOut` when they sign out, by
 * watching the flow's view directly, so no component re-renders for it.
 */
export function useAuthEvents(
  onSignIn: ((user: AuthUserInfo) => void) | undefined,
  onSignOut: (() => void) | undefined,
) {
  const { store } = useCustomAuthContext('CustomAuthenticator');
  const callbacks = useRef({ onSignIn, onSignOut });
  useEffect(() => {
    callbacks.current = { onSignIn, onSignOut };
  });
  useEffect(() => {
    let previous = store.view().route;
    return store.subscribe(() => {
      const { route, user } = store.view();
      if (route === previous) return;
      // A session restored at start-up is not a sign-in.
      if (route === 'signedIn' && user && previous !== 'initializing') {
        callbacks.current.onSignIn?.(user);
      }
      if (previous === 'signedIn') callbacks.current.onSignOut?.();
      previous = route;
    });
  }, [store]);
}
