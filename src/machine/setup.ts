import { assign, createMachine, type setup } from 'xstate';
import { serviceActions, serviceActors } from './actors.ts';
import { amplifyServices } from './amplify.ts';
import { challengeOf, clientAnswerOf, isNextStep, newChallenge } from './challenge.ts';
import {
  type CustomAuthContext,
  type CustomAuthEvent,
  type EventOf,
  validationError,
} from './context.ts';
import {
  type CustomAuthError,
  isErrorNamed,
  isFailedByDefine,
  type KnownErrorName,
  toAuthError,
  wrongAnswerError,
} from './errors.ts';
import type { PendingChallenge } from './pending-challenge.ts';
import { nothingToResume } from './resume.ts';
import type { StepType } from './transitions.ts';
import type { AuthUserInfo, CustomAuthInput, CustomAuthRoute } from './types.ts';

export const pending = 'pending' as const;
/** The challenge ran out of time, and stays on screen for a new start. */
export const expired = 'expired' as const;

/**
 * What a finished or abandoned sign-in leaves behind: nothing, the password and a sign-in
 * link least of all.
 */
const noSignInUnderway = {
  password: undefined,
  challenge: null,
  codeDelivery: null,
  link: undefined,
  signUpConfirmed: undefined,
};

/**
 * XState's `setup`, as far as this statechart uses it: its types, and `createMachine` with the
 * implementations. The real one also builds every action creator (`sendTo`, `log`, `emit`,
 * `enqueueActions` ...), which bundlers then cannot drop, for about 1 KB gzip unused. Typed as
 * `setup` only for inference; what it returns is typed below as what it is.
 */
const typedSetup = ((implementations: Parameters<typeof createMachine>[1]) => ({
  createMachine: (config: Parameters<typeof createMachine>[0]) =>
    createMachine(config, implementations),
})) as unknown as typeof setup;

const setupWithTypes = typedSetup({
  types: {
    input: {} as CustomAuthInput | undefined,
    context: {} as CustomAuthContext,
    events: {} as CustomAuthEvent,
    tags: {} as typeof pending | CustomAuthRoute | typeof expired,
  },
  actors: serviceActors(amplifyServices),
  delays: {
    challengeExpiry: ({ context }) =>
      Math.max(0, (context.challenge?.expiresAt ?? Date.now()) - Date.now()),
    callTimeout: ({ context }) => context.timing.callTimeoutMs,
  },
  guards: {
    mayResume: () => !nothingToResume(amplifyServices),
    inputInvalid: ({ context, event }) => validationError(context, event) !== null,
    // Only at the start: a sign-in's second look for a signed-in user comes back to sign-in.
    startsOnSignUp: ({ context }) => context.initialRoute === 'signUp' && !context.username,
    // A code by a channel named is no resend to the same address: the server's limits hold it.
    resendCoolingDown: ({ context, event }) =>
      !(event as EventOf<'RESEND_CHALLENGE'>).channel &&
      Date.now() < (context.challenge?.resendAvailableAt ?? 0),
    stepIs: (_, params: { step: { type: StepType }; type: StepType }) =>
      params.step.type === params.type,
    errorIs: (_, params: { error: unknown; name: KnownErrorName }) =>
      isErrorNamed(params.error, params.name),
    startFailedByDefine: ({ context, event }) =>
      context.flow === 'passwordless' && isFailedByDefine((event as { error?: unknown }).error),
    endsSignIn: (_, params: { error: unknown }) =>
      /^(SignInLocked|LinkRefused)$/.test(toAuthError(params.error).code),
    clientAnswersAtOnce: ({ context }) => clientAnswerOf(context.challenge) === 'atOnce',
    clientAnswersOnSubmit: ({ context }) => clientAnswerOf(context.challenge) === 'onSubmit',
    // A done event that brings something: a user signed in, a challenge kept.
    hasOutput: ({ event }) => (event as { output?: unknown }).output != null,
    signedInElsewhere: ({ context }) => context.elsewhere !== undefined,
    // A round the user answers, which a new start (a resend) replaces; not a link's.
    expiresInPlace: ({ context }) => !clientAnswerOf(context.challenge),
    challengeTimedOut: ({ context }) => Date.now() >= (context.challenge?.expiresAt ?? 0),
    needsPasswordAgain: ({ context }) =>
      context.flow === 'passwordThenCode' && context.password === undefined,
  },
  actions: {
    rejectInput: assign({ error: ({ context, event }) => validationError(context, event) }),
    storeCredentials: assign(({ context, event }) => {
      const { username, password } = event as EventOf<'SIGN_IN' | 'SIGN_UP'>;
      return {
        username: username.trim(),
        password: context.flow === 'passwordThenCode' ? password : undefined,
        codeDelivery: null,
        error: null,
        signUpConfirmed: undefined,
      };
    }),
    clearError: assign({ error: null }),
    signUpConfirmed: assign({ signUpConfirmed: true }),
    // A client's answer that named its user (a link confirmed in another browser) makes the
    // sign-in theirs, as if typed; one that is refused leaves the page knowing nothing more.
    takeAnsweredUsername: assign({
      username: ({ context, event }) =>
        (event as { output?: { username?: string } }).output?.username || context.username,
    }),
    forgetPassword: assign({ password: undefined }),
    dropChallenge: assign({ challenge: null, link: undefined }),
    forgetCodeDelivery: assign({ codeDelivery: null }),
    setError: assign((_, params: CustomAuthError) => ({ error: params })),
    setCodeDelivery: assign((_, params: { codeDelivery: CustomAuthContext['codeDelivery'] }) => ({
      codeDelivery: params.codeDelivery,
      error: null,
    })),
    startChallenge: assign(({ context }, params: { parameters: Record<string, string> }) => ({
      challenge: newChallenge(
        context.timing,
        params.parameters,
        1,
        Date.now() + context.timing.resendCooldownMs,
      ),
      codeDelivery: null,
      error: null,
      // A link answers one round: the next is the user's.
      link: undefined,
    })),
    nextRound: assign(({ context }, params: { parameters: Record<string, string> }) => {
      const { timing, challenge: current } = context;
      const next = newChallenge(timing, params.parameters, 1, Date.now() + timing.resendCooldownMs);
      if (isNextStep(current, next)) return { challenge: next, error: null };
      const challenge = {
        ...next,
        round: (current?.round ?? 0) + 1,
        resendAvailableAt: current?.resendAvailableAt ?? Date.now(),
      };
      return { challenge, error: wrongAnswerError(challenge) };
    }),
    backToSignIn: assign((_, params: { error: CustomAuthError | null }) => ({
      ...noSignInUnderway,
      error: params.error,
    })),
    signedIn: assign((_, params: { user: AuthUserInfo | null | undefined }) => ({
      ...noSignInUnderway,
      user: params.user ?? null,
      error: null,
      elsewhere: undefined,
    })),
    noteSignIn: assign({ elsewhere: ({ event }) => (event as EventOf<'SIGNED_IN'>).user }),
    restoreChallenge: assign((_, { pending }: { pending: PendingChallenge }) => ({
      username: pending.username,
      challenge: challengeOf(pending.challenge),
      error: null,
      link: pending.link,
    })),
    ...serviceActions(amplifyServices),
    // A sign-in elsewhere heard during the sign-out is over too: the sign-out ends every tab's.
    signedOut: assign({ ...noSignInUnderway, user: null, error: null, elsewhere: undefined }),
  },
});

/**
 * Only `createMachine` exists at run time: XState's action creators (`createAction`, `sendTo`
 * ...) are not there, so the type offers none.
 */
export const customAuthSetup: Pick<typeof setupWithTypes, 'createMachine'> = setupWithTypes;
