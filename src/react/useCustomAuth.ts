import { useCallback } from 'react';
import type { CustomAuthView } from '../machine/index.ts';
import { type CustomAuthActor, useCustomAuthContext } from './CustomAuthProvider.tsx';
import type { CustomAuthCommands } from './commands.ts';
import { useViewSelection } from './useViewSelection.ts';

/** The flow as a UI sees it: where it is, what it holds, and what it can do. */
export type CustomAuth = CustomAuthView & CustomAuthCommands;

const whole = (auth: CustomAuth) => auth;

/**
 * The headless facade over the custom-auth statechart.
 *
 * Without a selector the component re-renders whenever any field changes; with one, only
 * when the selected value changes (compared shallowly), e.g.
 * `useCustomAuth((auth) => auth.challenge?.hint)`.
 *
 * @throws outside `<CustomAuthProvider>` / `<CustomAuthenticator>`.
 */
export function useCustomAuth(): CustomAuth;
export function useCustomAuth<T>(selector: (auth: CustomAuth) => T): T;
export function useCustomAuth<T>(selector?: (auth: CustomAuth) => T): T | CustomAuth {
  const { store, commands } = useCustomAuthContext('useCustomAuth');
  const select = selector ?? whole;
  const selectFromView = useCallback(
    (view: CustomAuthView) => select({ ...view, ...commands }),
    [select, commands],
  );
  return useViewSelection(store, selectFromView);
}

/**
 * The XState actor, for apps that want to inspect or drive it directly. Asking for it while
 * rendering builds it then, rather than after the first paint; the provider starts it.
 */
export function useCustomAuthActor(): CustomAuthActor {
  return useCustomAuthContext('useCustomAuthActor').store.actor();
}
