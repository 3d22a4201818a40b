import { vi } from 'vitest';
import {
  type AuthUserInfo,
  amplifyServices,
  type CustomAuthServices,
  type PendingChallenge,
  type SignInStep,
} from '../../src/machine/index.ts';

export const alice: AuthUserInfo = { username: 'alice', userId: 'sub-alice' };

export function challengeStep(parameters: Record<string, string> = {}): SignInStep {
  return {
    type: 'customChallenge',
    parameters: {
      hint: 'Enter the code we emailed you',
      codeLength: '6',
      attemptsLeft: '3',
      ...parameters,
    },
  };
}

export function cognitoError(name: string, message = `${name} message`): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/** Deferred promise, for holding a backend call open while the test acts. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export type FakeServices = {
  [K in keyof CustomAuthServices]: ReturnType<typeof vi.fn<CustomAuthServices[K]>>;
} & {
  /** Simulates Hub's `signedOut` from another tab or a failed refresh. */
  emitSignedOut: () => void;
  /** Simulates another tab signing in (a user) or out (null). */
  emitOtherTab: (user: AuthUserInfo | null) => void;
};

/**
 * Services that answer like a pool whose Define trigger asks one custom challenge;
 * each test overrides the calls its behaviour depends on.
 */
export function fakeServices(overrides: Partial<CustomAuthServices> = {}): FakeServices {
  const listeners = new Set<() => void>();
  const tabListeners = new Set<(user: AuthUserInfo | null) => void>();
  let pendingChallenge: PendingChallenge | null = null;
  const defaults: CustomAuthServices = {
    getCurrentUser: async () => null,
    signIn: async () => challengeStep(),
    confirmSignIn: async () => ({ type: 'done', user: alice }),
    signUp: async () => ({
      type: 'confirmSignUp',
      codeDelivery: {
        destination: 'a***@e***.com',
        deliveryMedium: 'EMAIL',
        attributeName: 'email',
      },
    }),
    confirmSignUp: async () => ({ type: 'autoSignIn' }),
    resendSignUpCode: async () => ({
      destination: 'a***@e***.com',
      deliveryMedium: 'EMAIL',
      attributeName: 'email',
    }),
    autoSignIn: async () => challengeStep(),
    signOut: async () => {},
    listenForSignOut: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    listenForOtherTabs: (listener) => {
      tabListeners.add(listener);
      return () => tabListeners.delete(listener);
    },
    // The kit's own default: links are opt-in.
    answerLinkStep: amplifyServices.answerLinkStep,
    savePendingChallenge: (pending) => {
      pendingChallenge = pending;
    },
    loadPendingChallenge: async () => pendingChallenge,
  };
  const implementations = { ...defaults, ...overrides };
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
    answerLinkStep: vi.fn(implementations.answerLinkStep),
    savePendingChallenge: vi.fn(implementations.savePendingChallenge),
    loadPendingChallenge: vi.fn(implementations.loadPendingChallenge),
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
