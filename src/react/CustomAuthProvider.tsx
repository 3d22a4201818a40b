import {
  createContext,
  type ReactNode,
  useContext,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import type { CustomAuthInput, CustomAuthServices } from '../machine/index.ts';
import { type CustomAuthCommands, createCommands } from './commands.ts';
import { warnOfChangedInput } from './development.ts';
import { type CustomAuthActor, type CustomAuthStore, createStore } from './store.ts';

export interface CustomAuthProviderProps extends CustomAuthInput {
  /** Replaces backend calls (tests, stories, a non-Amplify backend); the rest call Amplify. */
  services?: Partial<CustomAuthServices>;
  children?: ReactNode;
}

export type { CustomAuthActor };

interface CustomAuthContextValue {
  store: CustomAuthStore;
  commands: CustomAuthCommands;
  input: CustomAuthInput;
}

const CustomAuthReactContext = createContext<CustomAuthContextValue | null>(null);

/**
 * Starts the actor on mount and stops it on unmount. The stop waits a task so that
 * StrictMode's simulated unmount and remount keeps the same running actor, and nothing
 * is invoked twice.
 */
function useRunningActor(store: CustomAuthStore) {
  const stopping = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    const actor = store.actor();
    clearTimeout(stopping.current);
    actor.start();
    return () => {
      stopping.current = setTimeout(() => actor.stop(), 0);
    };
  }, [store]);
}

/** Layout timing on the client (before children's effects run); plain effect on the server. */
const useIsomorphicLayoutEffect = typeof window === 'undefined' ? useEffect : useLayoutEffect;

/**
 * Runs the custom-auth statechart for its subtree. The flow, timing and initial route are read
 * once, when it mounts (a change warns in development; give the provider a new `key` to start
 * over with it); services are looked up on every call, so they may change freely.
 */
export function CustomAuthProvider({ children, services, ...input }: CustomAuthProviderProps) {
  const servicesRef = useRef(services);
  const [value] = useState<CustomAuthContextValue>(() => {
    const store = createStore(input, () => servicesRef.current);
    return { store, commands: createCommands((event) => store.actor().send(event)), input };
  });
  useIsomorphicLayoutEffect(() => {
    servicesRef.current = services;
    // Written out so that bundlers drop it, and what it calls, from production builds.
    if (typeof process !== 'undefined' && process.env.NODE_ENV !== 'production') {
      warnOfChangedInput(value.input, input);
    }
  });
  useRunningActor(value.store);
  return (
    <CustomAuthReactContext.Provider value={value}>{children}</CustomAuthReactContext.Provider>
  );
}

export function useCustomAuthContext(hookName: string): CustomAuthContextValue {
  const value = useContext(CustomAuthReactContext);
  if (!value) {
    throw new Error(
      `${hookName} must be used inside <CustomAuthProvider> or <CustomAuthenticator>.`,
    );
  }
  return value;
}

/** Whether a CustomAuthProvider encloses this component (the drop-in reuses it if so). */
export function useHasCustomAuthProvider(): boolean {
  return useContext(CustomAuthReactContext) !== null;
}
