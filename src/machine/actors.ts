import { fromCallback, fromPromise } from 'xstate';
import type { PendingChallenge } from './pending-challenge.ts';
import { ignoreFailure, nothingToResume } from './resume.ts';
import type { ClientAnswerRequest, CustomAuthServices } from './services.ts';
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
    // Word of a sign-out here (Hub), or of a sign-in or sign-out in another tab, and the
    // session check behind a first form that nothing stored seemed to need (its failure
    // leaves the form, whose own request then meets the trouble and says so). Missing word
    // costs less than a statechart that stops for good.
    authElsewhere: fromCallback(({ sendBack }) => {
      const changed = (user: AuthUserInfo | null) =>
        sendBack(user ? { type: 'SIGNED_IN', user } : { type: 'SIGNED_OUT' });
      if (nothingToResume(services)) {
        services.getCurrentUser().then(
          (user) => user && changed(user),
          () => {},
        );
      }
      // Each on its own, so that one that throws costs neither the other nor its unsubscribe.
      const stops = [
        ignoreFailure(() => services.listenForOtherTabs(changed)),
        ignoreFailure(() => services.listenForSignOut(() => changed(null))),
      ];
      return () => {
        for (const stop of stops) ignoreFailure(() => stop?.());
      };
    }),
    answerOnClient: fromPromise<SignInStep, ClientAnswerRequest>(({ input }) =>
      services.answerOnClient(input),
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
