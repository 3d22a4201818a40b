import { fromCallback, fromPromise } from 'xstate';
import type { CustomAuthServices } from './amplify.ts';
import type { PendingChallenge } from './pending-challenge.ts';
import type {
  AuthUserInfo,
  ChallengeInfo,
  CodeDelivery,
  ConfirmSignUpRequest,
  ConfirmSignUpStep,
  SignInRequest,
  SignInStep,
  SignUpRequest,
  SignUpStep,
} from './types.ts';

function ignoreFailure<T>(call: () => T): T | undefined {
  try {
    return call();
  } catch {
    return undefined;
  }
}

/** The statechart's invokable actors, each a thin wrapper over one service. */
export function serviceActors(services: CustomAuthServices) {
  return {
    getCurrentUser: fromPromise<AuthUserInfo | null>(() => services.getCurrentUser()),
    signIn: fromPromise<SignInStep, SignInRequest>(({ input }) => services.signIn(input)),
    confirmSignIn: fromPromise<
      SignInStep,
      { answer: string; clientMetadata: Record<string, string> | undefined }
    >(({ input: { answer, clientMetadata } }) =>
      // Only with something to send, so that services written for one argument see one.
      clientMetadata
        ? services.confirmSignIn(answer, clientMetadata)
        : services.confirmSignIn(answer),
    ),
    signUp: fromPromise<SignUpStep, SignUpRequest>(({ input }) => services.signUp(input)),
    confirmSignUp: fromPromise<ConfirmSignUpStep, ConfirmSignUpRequest>(({ input }) =>
      services.confirmSignUp(input),
    ),
    resendSignUpCode: fromPromise<CodeDelivery, { username: string }>(({ input }) =>
      services.resendSignUpCode(input.username),
    ),
    autoSignIn: fromPromise<SignInStep>(() => services.autoSignIn()),
    signOut: fromPromise<void>(() => services.signOut()),
    signOutListener: fromCallback(({ sendBack }) =>
      // Missing word of a sign-out elsewhere costs less than a statechart that stops for good.
      ignoreFailure(() => services.listenForSignOut(() => sendBack({ type: 'SIGNED_OUT' }))),
    ),
    loadPendingChallenge: fromPromise<PendingChallenge | null>(() =>
      services.loadPendingChallenge(),
    ),
  };
}

interface ChallengeHolder {
  context: { username: string; challenge: ChallengeInfo | null };
}

/** The statechart's side-effect actions that go through a service. */
export function serviceActions(services: CustomAuthServices) {
  return {
    // A store that fails only costs the resume after a reload.
    rememberChallenge: ({ context }: ChallengeHolder) => {
      const { username, challenge } = context;
      if (challenge) ignoreFailure(() => services.savePendingChallenge({ username, challenge }));
    },
    forgetChallenge: () => ignoreFailure(() => services.savePendingChallenge(null)),
  };
}
