import {
  createContext,
  type ReactNode,
  useContext,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { type Actor, createActor } from 'xstate';
import {
  type CustomAuthInput,
  type CustomAuthMachine,
  type CustomAuthServices,
  type CustomAuthSnapshot,
  withServices,
} from '../machine/index.ts';
import { type CustomAuthCommands, createCommands } from './commands.ts';
import { warnOfChangedInput } from './development.ts';
import { latestServices } from './services.ts';

export interface CustomAuthProviderProps extends CustomAuthInput {
  /** Replaces backend calls (tests, stories, a non-Amplify backend); the rest call Amplify. */
  services?: Partial<CustomAuthServices>;
  children?: ReactNode;
}

export type CustomAuthActor = Actor<CustomAuthMachine>;

interface CustomAuthContextValue {
  actor: CustomAuthActor;
  commands: CustomAuthCommands;
  /**
   * What the server renders and hydration renders first: the server cannot see the browser's
   * storage, so it starts on the first form, as a browser that finds nothing stored does.
   */
  serverSnapshot: () => CustomAuthSnapshot;
}

const CustomAuthReactContext = createContext<CustomAuthContextValue | null>(null);

const pendingStops = new WeakMap<CustomAuthActor, ReturnType<typeof setTimeout>>();

/**
 * Starts the actor on mount and stops it on unmount. The stop waits a task so that
 * StrictMode's simulated unmount and remount keeps the same running actor, and nothing
 * is invoked twice.
 */
function useRunningActor(actor: CustomAuthActor) {
  useEffect(() => {
    clearTimeout(pendingStops.get(actor));
    pendingStops.delete(actor);
    actor.start();
    return () => {
      const stop = () => {
        pendingStops.delete(actor);
        actor.stop();
      };
      pendingStops.set(actor, setTimeout(stop, 0));
    };
  }, [actor]);
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
    const machine = withServices(latestServices(() => servicesRef.current));
    const actor = createActor(machine, { input });
    let firstForm: CustomAuthSnapshot | undefined;
    const serverSnapshot = () =>
      (firstForm ??= createActor(machine.provide({ guards: { mayResume: () => false } }), {
        input,
      }).getSnapshot());
    return { actor, commands: createCommands(actor.send), serverSnapshot };
  });
  useIsomorphicLayoutEffect(() => {
    servicesRef.current = services;
    // Written out so that bundlers drop it, and what it calls, from production builds.
    if (typeof process !== 'undefined' && process.env.NODE_ENV !== 'production') {
      warnOfChangedInput(value.actor.options.input ?? {}, input);
    }
  });
  useRunningActor(value.actor);
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
