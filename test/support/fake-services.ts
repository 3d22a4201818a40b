import { vi } from 'vitest';
import {
  type AuthUserInfo,
  amplifyServices,
  type CustomAuthServices,
} from '../../src/machine/index.ts';
import { fakePool, quickCheckFor } from './fake-backend.ts';

export {
  alice,
  challengeStep,
  cognitoError,
  deferred,
  rightCode,
} from './fake-backend.ts';

export type FakeServices = {
  [K in keyof CustomAuthServices]: ReturnType<typeof vi.fn<CustomAuthServices[K]>>;
} & {
  /** Simulates Hub's `signedOut` from another tab or a failed refresh. */
  emitSignedOut: () => void;
  /** Simulates another tab signing in (a user) or out (null). */
  emitOtherTab: (user: AuthUserInfo | null) => void;
};

/**
 * The fake pool (one code per sign-in, `rightCode` passes, challenges kept for a reload), with
 * a spy on every call and Hub's events in the test's hands; each test overrides the calls its
 * behaviour depends on.
 */
export function fakeServices(overrides: Partial<CustomAuthServices> = {}): FakeServices {
  const listeners = new Set<() => void>();
  const tabListeners = new Set<(user: AuthUserInfo | null) => void>();
  const defaults: CustomAuthServices = {
    ...fakePool({}, { keepsChallenge: true }),
    listenForSignOut: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    listenForOtherTabs: (listener) => {
      tabListeners.add(listener);
      return () => tabListeners.delete(listener);
    },
    // The kit's own default: links are opt-in.
    answerOnClient: amplifyServices.answerOnClient,
  };
  const implementations = { ...defaults, ...quickCheckFor(overrides), ...overrides };
  const services = {
    getCurrentUser: vi.fn(implementations.getCurrentUser),
    signIn: vi.fn(implementations.signIn),
    confirmSignIn: vi.fn(implementations.confirmSignIn),
    signUp: vi.fn(implementations.signUp),
    confirmSignUp: vi.fn(implementations.confirmSignUp),
    resendSignUpCode: vi.fn(implementations.resendSignUpCode),
    autoSignIn: vi.fn(implementations.autoSignIn),
    signOut: vi.fn(implementations.signOut),
    listenForSignOut: vi.fn(implementations.listenForSignOut),
    listenForOtherTabs: vi.fn(implementations.listenForOtherTabs),
    answerOnClient: vi.fn(implementations.answerOnClient),
    savePendingChallenge: vi.fn(implementations.savePendingChallenge),
    loadPendingChallenge: vi.fn(implementations.loadPendingChallenge),
    mayResume: vi.fn(implementations.mayResume),
  };
  return {
    ...services,
    emitSignedOut: () => {
      for (const listener of [...listeners]) listener();
    },
    emitOtherTab: (user) => {
      for (const listener of [...tabListeners]) listener(user);
    },
  };
}
