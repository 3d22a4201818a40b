import { protocolOf } from '../challenges/protocols.ts';
import { serviceActions, serviceActors } from './actors.ts';
import { amplifyServices } from './amplify.ts';
import { resendChoiceOf } from './challenge.ts';
import { type EventOf, initialContext } from './context.ts';
import { authError, toAuthError, toChallengeError } from './errors.ts';
import type { PendingChallenge } from './pending-challenge.ts';
import { nothingToResume } from './resume.ts';
import type { CustomAuthServices } from './services.ts';
import { customAuthSetup, expired, pending } from './setup.ts';
import {
  challengeParameters,
  errorIs,
  setErrorFromEvent,
  signInFailedElsewhere,
  signInRequest,
  signInSucceeded,
  startChallengeFromStep,
  stepIs,
  toSignedIn,
  toSignInUnsupported,
  toSignInWhenRefused,
} from './transitions.ts';
import type { AuthUserInfo, ChallengeInfo } from './types.ts';

const toSignInWithError = {
  target: '#customAuth.signIn',
  actions: {
    type: 'backToSignIn' as const,
    params: ({ event }: { event: { error: unknown } }) => ({ error: toAuthError(event.error) }),
  },
};

const networkError = { type: 'setError' as const, params: authError('Network') };

/** A call that took too long: the screen it was made from again, saying so. */
const giveUp = { target: 'idle', actions: networkError };

const giveUpToSignIn = {
  target: '#customAuth.signIn',
  actions: { type: 'backToSignIn' as const, params: { error: authError('Network') } },
};

/**
 * A state that waits on a backend call, until `callTimeout` (then `timedOut`). Word from
 * elsewhere waits for the call as well: a call left running could answer later, and store
 * tokens after a sign-out, or run beside the next call. A sign-in elsewhere is noted and
 * followed on the screen the call leads to; a sign-out elsewhere during a sign-out here is
 * that sign-out's own end. A call the statechart stops waiting for runs on in Amplify: the
 * actors hold the next call until it has answered, and undo a sign-in it brings.
 */
function calling<State extends object>(state: State, timedOut: object) {
  return {
    ...state,
    tags: pending,
    after: { callTimeout: timedOut },
    on: { SIGNED_IN: { actions: 'noteSignIn' as const }, SIGNED_OUT: {} },
  };
}

/** On a screen again after a call: a sign-in elsewhere noted meanwhile is followed now. */
const toSignedInElsewhere = {
  guard: 'signedInElsewhere' as const,
  target: '#customAuth.signedIn',
  actions: {
    type: 'signedIn' as const,
    params: ({ context }: { context: { elsewhere?: AuthUserInfo } }) => ({
      user: context.elsewhere,
    }),
  },
};

/** Where a start with nothing to resume goes. */
const toFirstForm = [
  { guard: 'startsOnSignUp' as const, target: '#customAuth.signUp' },
  { target: '#customAuth.signIn' },
];

/** A resend is a new sign-in: in password-then-code, a reload has dropped the password it needs. */
const needsPasswordAgain = {
  guard: 'needsPasswordAgain' as const,
  target: '#customAuth.signIn',
  actions: { type: 'backToSignIn' as const, params: { error: authError('EmptyPassword') } },
};

/** An answer that ends the sign-in. */
const answerEndsSignIn = [
  toSignInWhenRefused,
  {
    guard: errorIs('NotAuthorizedException'),
    target: '#customAuth.signIn',
    actions: {
      type: 'backToSignIn' as const,
      params: ({ event }: { event: { error: unknown } }) => ({
        error: toChallengeError(event.error),
      }),
    },
  },
];

/**
 * Builds the statechart. XState's building is start-up work, so it is done where it is
 * needed: an app that runs the statechart through `withServices` (the React provider, after
 * the first paint) never builds `customAuthMachine` at all.
 */
const buildMachine = () =>
  customAuthSetup.createMachine({
    id: 'customAuth',
    context: ({ input }) => initialContext(input),
    initial: 'initializing',
    invoke: { id: 'authElsewhere', src: 'authElsewhere' },
    on: {
      // Also when signed in already: another tab's token refresh reads as a sign-in, harmlessly.
      // States that wait on a call note it instead (`calling`).
      SIGNED_IN: {
        target: '.signedIn',
        actions: { type: 'signedIn', params: ({ event }) => ({ user: event.user }) },
      },
    },
    // Each top-level state names its route in a tag: the view reads the route from there.
    states: {
      initializing: {
        tags: [pending, 'initializing'],
        initial: 'deciding',
        // What was stored is resumed now (and stored again) or never: not after a signed-in
        // start, nor after a failed check, where a later reload would bring back a stale sign-in.
        exit: 'forgetChallenge',
        states: {
          // Where nothing is stored to resume, the statechart starts on its first form (the
          // screen the React provider has shown already), and `authElsewhere` checks the session.
          deciding: {
            always: [{ guard: 'mayResume', target: 'checkingUser' }, ...toFirstForm],
          },
          checkingUser: calling(
            {
              invoke: {
                id: 'getCurrentUser',
                src: 'getCurrentUser',
                onDone: [
                  {
                    guard: 'hasOutput',
                    target: '#customAuth.signedIn',
                    actions: { type: 'signedIn', params: ({ event }) => ({ user: event.output }) },
                  },
                  { target: 'restoringChallenge' },
                ],
                onError: {
                  target: '#customAuth.signIn',
                  actions: setErrorFromEvent,
                },
              },
            },
            giveUpToSignIn,
          ),
          restoringChallenge: calling(
            {
              invoke: {
                id: 'loadPendingChallenge',
                src: 'loadPendingChallenge',
                onDone: [
                  {
                    guard: 'hasOutput',
                    target: '#customAuth.challenge',
                    actions: {
                      type: 'restoreChallenge',
                      // Present: the guard said so.
                      params: ({ event }) => ({ pending: event.output as PendingChallenge }),
                    },
                  },
                  ...toFirstForm,
                ],
                onError: toFirstForm,
              },
            },
            toFirstForm,
          ),
        },
      },
      signIn: {
        tags: 'signIn',
        initial: 'idle',
        states: {
          idle: {
            always: toSignedInElsewhere,
            on: {
              SIGN_IN: [
                { guard: 'inputInvalid', actions: 'rejectInput' },
                { target: 'submitting', actions: 'storeCredentials' },
              ],
              GO_TO_SIGN_UP: { target: '#customAuth.signUp', actions: 'clearError' },
            },
          },
          submitting: calling(
            {
              invoke: {
                id: 'signIn',
                src: 'signIn',
                input: signInRequest,
                onDone: signInSucceeded,
                onError: [
                  ...signInFailedElsewhere,
                  {
                    guard: 'startFailedByDefine',
                    target: 'idle',
                    actions: { type: 'setError', params: authError('DefineExpectsSrpA') },
                  },
                  { target: 'idle', actions: ['forgetPassword', setErrorFromEvent] },
                ],
              },
            },
            { target: 'idle', actions: ['forgetPassword', networkError] },
          ),
        },
      },
      challenge: {
        tags: 'challenge',
        initial: 'idle',
        exit: ['forgetChallenge', 'dropChallenge'],
        // Also while a call is in flight: "Not you?" cancels it (the actors see it stopped).
        on: {
          GO_TO_SIGN_IN: {
            target: '#customAuth.signIn',
            actions: { type: 'backToSignIn', params: { error: null } },
          },
        },
        states: {
          idle: {
            entry: 'rememberChallenge',
            // A round the client answers by itself (a magic link's first: with the link being
            // opened, or with a request for one).
            always: [
              toSignedInElsewhere,
              { guard: 'clientAnswersAtOnce', target: 'answeringOnClient' },
            ],
            after: {
              challengeExpiry: [
                {
                  guard: 'expiresInPlace',
                  target: 'expired',
                  actions: { type: 'setError', params: authError('SessionExpired') },
                },
                {
                  target: '#customAuth.signIn',
                  actions: { type: 'backToSignIn', params: { error: authError('SessionExpired') } },
                },
              ],
            },
            on: {
              ANSWER_CHALLENGE: [
                // The user said to go on, and the client answers (a link from another browser).
                { guard: 'clientAnswersOnSubmit', target: 'answeringOnClient' },
                { guard: 'inputInvalid', actions: 'rejectInput' },
                { target: 'answering', actions: 'clearError' },
              ],
              RESEND_CHALLENGE: [
                { guard: 'clientAnswersOnSubmit' },
                needsPasswordAgain,
                {
                  guard: 'resendCoolingDown',
                  actions: { type: 'setError', params: authError('ResendCooldown') },
                },
                { target: 'resending', actions: 'clearError' },
              ],
            },
          },
          answering: calling(
            {
              invoke: {
                id: 'confirmSignIn',
                src: 'confirmSignIn',
                input: ({ context, event }) => {
                  const answer = (event as EventOf<'ANSWER_CHALLENGE'>).answer.trim();
                  // Cognito gives the next Create no answer, only the ClientMetadata sent with it.
                  const protocol = context.challenge && protocolOf(context.challenge.name);
                  return { answer, clientMetadata: protocol?.answerMetadata?.(answer) };
                },
                onDone: [
                  {
                    guard: stepIs('customChallenge'),
                    target: 'idle',
                    actions: {
                      type: 'nextRound',
                      params: ({ event }) => challengeParameters(event.output),
                    },
                  },
                  toSignedIn,
                  toSignInUnsupported,
                ],
                onError: [...answerEndsSignIn, { target: 'idle', actions: setErrorFromEvent }],
              },
            },
            giveUp,
          ),
          answeringOnClient: calling(
            {
              invoke: {
                id: 'answerOnClient',
                src: 'answerOnClient',
                // Present: the guards that lead here read it.
                input: ({ context }) => ({
                  challenge: context.challenge as ChallengeInfo,
                  link: context.link,
                }),
                onDone: [
                  // What comes next (a link's email out, the chain let on) is a first round, not
                  // a wrong answer.
                  {
                    guard: stepIs('customChallenge'),
                    target: 'idle',
                    actions: ['takeAnsweredUsername', startChallengeFromStep],
                  },
                  toSignedIn,
                  toSignInUnsupported,
                ],
                // Not back to idle, which would answer again at once.
                onError: [...answerEndsSignIn, toSignInWithError],
              },
            },
            giveUpToSignIn,
          ),
          resending: calling(
            {
              invoke: {
                id: 'signIn',
                src: 'signIn',
                // A new start comes back to this round through a choice of channel before it.
                input: ({ context, event }) => ({
                  ...signInRequest({ context }),
                  deliveryChoice: resendChoiceOf(
                    context.challenge,
                    (event as EventOf<'RESEND_CHALLENGE'>).channel,
                  ),
                }),
                onDone: signInSucceeded,
                onError: [
                  ...signInFailedElsewhere,
                  // Past its time, the challenge cannot be answered: the error shows where it ended.
                  { guard: 'challengeTimedOut', target: 'expired', actions: setErrorFromEvent },
                  { target: 'idle', actions: setErrorFromEvent },
                ],
              },
            },
            [{ guard: 'challengeTimedOut', target: 'expired', actions: networkError }, giveUp],
          ),
          // The answer part gives way to a new start for the same user, or going back.
          expired: {
            tags: expired,
            // A screen too: a sign-in elsewhere noted during the call that led here is followed.
            always: toSignedInElsewhere,
            on: {
              RESEND_CHALLENGE: [
                needsPasswordAgain,
                { target: 'resending', actions: 'clearError' },
              ],
            },
          },
        },
      },
      signUp: {
        tags: 'signUp',
        initial: 'idle',
        states: {
          idle: {
            always: toSignedInElsewhere,
            on: {
              SIGN_UP: [
                { guard: 'inputInvalid', actions: 'rejectInput' },
                { target: 'submitting', actions: 'storeCredentials' },
              ],
              GO_TO_SIGN_IN: { target: '#customAuth.signIn', actions: 'clearError' },
            },
          },
          submitting: calling(
            {
              invoke: {
                id: 'signUp',
                src: 'signUp',
                input: ({ context, event }) => {
                  const { password, attributes } = event as EventOf<'SIGN_UP'>;
                  return {
                    username: context.username,
                    password: password || undefined,
                    attributes: attributes ?? {},
                    flow: context.flow,
                  };
                },
                onDone: [
                  {
                    guard: stepIs('confirmSignUp'),
                    target: '#customAuth.confirmSignUp',
                    actions: {
                      type: 'setCodeDelivery',
                      params: ({ event }) => ({
                        codeDelivery:
                          event.output.type === 'confirmSignUp' ? event.output.codeDelivery : null,
                      }),
                    },
                  },
                  {
                    guard: stepIs('autoSignIn'),
                    target: '#customAuth.confirmSignUp.autoSigningIn',
                  },
                  {
                    target: '#customAuth.signIn',
                    actions: { type: 'backToSignIn', params: { error: null } },
                  },
                ],
                onError: {
                  target: 'idle',
                  actions: ['forgetPassword', setErrorFromEvent],
                },
              },
            },
            { target: 'idle', actions: ['forgetPassword', networkError] },
          ),
        },
      },
      confirmSignUp: {
        tags: 'confirmSignUp',
        initial: 'idle',
        exit: 'forgetCodeDelivery',
        states: {
          idle: {
            always: toSignedInElsewhere,
            on: {
              CONFIRM_SIGN_UP: [
                { guard: 'inputInvalid', actions: 'rejectInput' },
                { target: 'confirming', actions: 'clearError' },
              ],
              RESEND_SIGN_UP_CODE: { target: 'resendingCode', actions: 'clearError' },
              GO_TO_SIGN_IN: {
                target: '#customAuth.signIn',
                actions: { type: 'backToSignIn', params: { error: null } },
              },
            },
          },
          resendingCode: calling(
            {
              invoke: {
                id: 'resendSignUpCode',
                src: 'resendSignUpCode',
                input: ({ context }) => ({ username: context.username }),
                onDone: {
                  target: 'idle',
                  actions: {
                    type: 'setCodeDelivery',
                    params: ({ event }) => ({ codeDelivery: event.output }),
                  },
                },
                onError: {
                  target: 'idle',
                  actions: setErrorFromEvent,
                },
              },
            },
            giveUp,
          ),
          confirming: calling(
            {
              invoke: {
                id: 'confirmSignUp',
                src: 'confirmSignUp',
                input: ({ context, event }) => {
                  return {
                    username: context.username,
                    code: (event as EventOf<'CONFIRM_SIGN_UP'>).code.trim(),
                  };
                },
                onDone: [
                  {
                    guard: stepIs('autoSignIn'),
                    target: 'autoSigningIn',
                    actions: 'signUpConfirmed',
                  },
                  { target: '#customAuth.signIn.submitting', actions: 'signUpConfirmed' },
                ],
                onError: {
                  target: 'idle',
                  actions: setErrorFromEvent,
                },
              },
            },
            giveUp,
          ),
          autoSigningIn: calling(
            {
              invoke: {
                id: 'autoSignIn',
                src: 'autoSignIn',
                onDone: signInSucceeded,
                onError: toSignInWithError,
              },
            },
            giveUpToSignIn,
          ),
        },
      },
      signedIn: {
        tags: 'signedIn',
        initial: 'idle',
        on: { SIGNED_OUT: { target: 'signIn', actions: 'signedOut' } },
        states: {
          idle: { on: { SIGN_OUT: 'signingOut' } },
          signingOut: calling(
            {
              invoke: {
                id: 'signOut',
                src: 'signOut',
                onDone: { target: '#customAuth.signIn', actions: 'signedOut' },
                onError: {
                  target: 'idle',
                  actions: setErrorFromEvent,
                },
              },
            },
            giveUp,
          ),
        },
      },
    },
  });

/** The statechart on Amplify's services; `withServices` replaces some of them. */
export const customAuthMachine = /* @__PURE__ */ buildMachine();

export type CustomAuthMachine = typeof customAuthMachine;

/** The statechart with some or all backend calls replaced; the rest still call Amplify. */
export function withServices(services: Partial<CustomAuthServices>): CustomAuthMachine {
  const merged = { ...amplifyServices, ...services };
  return buildMachine().provide({
    actors: serviceActors(merged),
    actions: serviceActions(merged),
    guards: { mayResume: () => !nothingToResume(merged) },
  });
}
