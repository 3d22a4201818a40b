import { useCallback } from 'react';
import { type CustomAuthSnapshot, type CustomAuthView, viewOf } from '../machine/index.ts';
import { type CustomAuthActor, useCustomAuthContext } from './CustomAuthProvider.tsx';
import type { CustomAuthCommands } from './commands.ts';
import { useSnapshotSelection } from './useSnapshotSelection.ts';

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
  const { actor, commands, serverSnapshot } = useCustomAuthContext('useCustomAuth');
  const select = selector ?? whole;
  const selectFromSnapshot = useCallback(
    (snapshot: CustomAuthSnapshot) => select({ ...viewOf(snapshot), ...commands }),
    [select, commands],
  );
  return useSnapshotSelection(actor, selectFromSnapshot, serverSnapshot);
}

/** The running XState actor, for apps that want to inspect or drive it directly. */
export function useCustomAuthActor(): CustomAuthActor {
  return useCustomAuthContext('useCustomAuthActor').actor;
}
