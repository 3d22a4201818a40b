import { type Actor, createActor } from 'xstate';
import {
  amplifyServices,
  type CustomAuthInput,
  type CustomAuthMachine,
  type CustomAuthServices,
  type CustomAuthView,
  viewOf,
  withServices,
} from '../machine/index.ts';
import { nothingToResume } from '../machine/resume.ts';
import { startView } from '../machine/view.ts';
import { explainSetupError } from './development.ts';

export type CustomAuthActor = Actor<CustomAuthMachine>;

/** The flow as React reads it: a view that is there before the statechart is. */
export interface CustomAuthStore {
  /** The statechart's actor, made when first asked for: after the first paint, in an effect. */
  actor: () => CustomAuthActor;
  view: () => CustomAuthView;
  /** What the server renders, and hydration first: it cannot see what the browser stored. */
  serverView: CustomAuthView;
  subscribe: (onChange: () => void) => () => void;
}

/**
 * Services that always call the latest replacement the app passed, falling back to Amplify,
 * so an inline `services={{ ... }}` object never restarts the statechart.
 */
function latestServices(
  current: () => Partial<CustomAuthServices> | undefined,
): CustomAuthServices {
  const latest =
    (name: keyof CustomAuthServices) =>
    (...args: never[]) =>
      ((current()?.[name] ?? amplifyServices[name]) as (...args: never[]) => unknown)(...args);
  return Object.fromEntries(
    Object.keys(amplifyServices).map((name) => [name, latest(name as keyof CustomAuthServices)]),
  ) as unknown as CustomAuthServices;
}

/**
 * Decides the first screen with one synchronous look (`mayResume`), and leaves building and
 * starting the statechart, XState's share of the start-up work, until after it is painted.
 * `current` gives the app's services of the moment.
 */
export function createStore(
  input: CustomAuthInput,
  current: () => Partial<CustomAuthServices> | undefined,
): CustomAuthStore {
  const services = latestServices(current);
  const nothingStored = nothingToResume(services);
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of listeners) listener();
  };
  let actor: CustomAuthActor | undefined;
  // With nothing stored, the browser starts on the server's view itself: one object, built once.
  const serverView = startView(input, true);
  let view = nothingStored ? serverView : startView(input, false);
  return {
    actor: () => {
      if (!actor) {
        // The look is not repeated: the statechart starts on the screen already shown, and
        // its first snapshot (on start) brings an equal view.
        const decided = { ...services, mayResume: () => !nothingStored };
        actor = createActor(withServices(decided), { input });
        actor.subscribe({
          next: (snapshot) => {
            view = viewOf(snapshot);
            // Written out so that bundlers drop it, and what it calls, from production builds.
            if (typeof process !== 'undefined' && process.env.NODE_ENV !== 'production') {
              explainSetupError(view);
            }
            changed();
          },
          error: changed,
        });
      }
      return actor;
    },
    view: () => view,
    serverView,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
