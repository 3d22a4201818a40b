import { fromCallback, fromPromise } from 'xstate';
import { CHOICE_METADATA_KEY, offersDelivery } from '../challenges/choice/protocol.ts';
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

interface CallStart {
  signal: AbortSignal;
  self: { _parent?: { getSnapshot: () => { status: string } } | undefined };
}

/**
 * The statechart's invokable actors, each a thin wrapper over one service. Backend calls run
 * one at a time: a call the statechart stopped waiting for (too slow, or cancelled) still runs
 * in Amplify, and would write its answer over the next call's sign-in (the session Amplify
 * keeps, or the tokens). The next call waits until it has answered; a call given up before its
 * turn is never made; and a sign-in it completed is undone, as nobody asked for it any more.
 */
export function serviceActors(services: CustomAuthServices) {
  let last: Promise<unknown> = Promise.resolve();
  // Sign-ins being undone: until they are, the session a check reads is one nobody asked for.
  let undoing = 0;
  const inTurn = <T>({ signal, self }: CallStart, call: () => Promise<T>, signsIn?: boolean) => {
    const run = last.then(async () => {
      signal.throwIfAborted();
      const value = await call();
      // Stopped while the statechart runs on: dropped. A statechart stopped as a whole (an
      // unmount) leaves a sign-in be, as before.
      if (
        signsIn &&
        signal.aborted &&
        (value as SignInStep).type === 'done' &&
        self._parent?.getSnapshot().status === 'active'
      ) {
        undoing += 1;
        try {
          await services.signOut();
        } finally {
          undoing -= 1;
        }
      }
      return value;
    });
    last = run.catch(() => {});
    return run;
  };
  return {
    getCurrentUser: fromPromise<AuthUserInfo | null>((start) =>
      inTurn(start, () => services.getCurrentUser()),
    ),
    signIn: fromPromise<SignInStep, SignInRequest>((start) => {
      const { deliveryChoice, ...request } = start.input;
      return inTurn(
        start,
        async () => {
          const step = await services.signIn(request);
          // A resend picks the channel again, so that it ends where it began: at the code.
          return deliveryChoice !== undefined &&
            !start.signal.aborted &&
            step.type === 'customChallenge' &&
            offersDelivery(step.parameters, deliveryChoice)
            ? services.confirmSignIn(deliveryChoice, { [CHOICE_METADATA_KEY]: deliveryChoice })
            : step;
        },
        true,
      );
    }),
    confirmSignIn: fromPromise<
      SignInStep,
      { answer: string; clientMetadata: Record<string, string> | undefined }
    >((start) => {
      const { answer, clientMetadata } = start.input;
      // Only with something to send, so that services written for one argument see one.
      return inTurn(
        start,
        () =>
          clientMetadata
            ? services.confirmSignIn(answer, clientMetadata)
            : services.confirmSignIn(answer),
        true,
      );
    }),
    signUp: fromPromise<SignUpStep, SignUpRequest>((start) =>
      inTurn(start, () => services.signUp(start.input)),
    ),
    confirmSignUp: fromPromise<ConfirmSignUpStep, ConfirmSignUpRequest>((start) =>
      inTurn(start, () => services.confirmSignUp(start.input)),
    ),
    resendSignUpCode: fromPromise<CodeDelivery, { username: string }>((start) =>
      inTurn(start, () => services.resendSignUpCode(start.input.username)),
    ),
    autoSignIn: fromPromise<SignInStep>((start) =>
      inTurn(start, () => services.autoSignIn(), true),
    ),
    signOut: fromPromise<void>((start) => inTurn(start, () => services.signOut())),
    // Word of a sign-out here (Hub), or of a sign-in or sign-out in another tab, and the
    // session check behind a first form that nothing stored seemed to need (its failure
    // leaves the form, whose own request then meets the trouble and says so). Missing word
    // costs less than a statechart that stops for good.
    authElsewhere: fromCallback(({ sendBack }) => {
      const changed = (user: AuthUserInfo | null) =>
        sendBack(user ? { type: 'SIGNED_IN', user } : { type: 'SIGNED_OUT' });
      if (nothingToResume(services)) {
        services.getCurrentUser().then(
          (user) => user && undoing === 0 && changed(user),
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
    answerOnClient: fromPromise<SignInStep, ClientAnswerRequest>((start) =>
      inTurn(start, () => services.answerOnClient(start.input), true),
    ),
    loadPendingChallenge: fromPromise<PendingChallenge | null>((start) =>
      inTurn(start, () => services.loadPendingChallenge()),
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
