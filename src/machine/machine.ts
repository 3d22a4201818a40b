import { assertEvent, assign, setup } from 'xstate';
import { serviceActions, serviceActors } from './actors.ts';
import { amplifyServices, type CustomAuthServices } from './amplify.ts';
import {
  type CustomAuthContext,
  type CustomAuthEvent,
  initialContext,
  newChallenge,
  validationError,
} from './context.ts';
import {
  authError,
  type CustomAuthError,
  isErrorNamed,
  toAuthError,
  toChallengeError,
  wrongAnswerError,
} from './errors.ts';
import { generatePassword } from './password.ts';
import type { PendingChallenge } from './pending-challenge.ts';
import type { AuthUserInfo, CustomAuthInput, SignInStep } from './types.ts';

const pending = 'pending' as const;

export const customAuthMachine = setup({
  types: {
    input: {} as CustomAuthInput | undefined,
    context: {} as CustomAuthContext,
    events: {} as CustomAuthEvent,
    tags: {} as typeof pending,
  },
  actors: serviceActors(amplifyServices),
  delays: {
    challengeExpiry: ({ context }) =>
      Math.max(0, (context.challenge?.expiresAt ?? Date.now()) - Date.now()),
  },
  guards: {
    inputInvalid: ({ context, event }) => validationError(context, event) !== null,
    resendCoolingDown: ({ context }) => Date.now() < (context.challenge?.resendAvailableAt ?? 0),
    stepIs: (_, params: { step: { type: string }; type: string }) =>
      params.step.type === params.type,
    errorIs: (_, params: { error: unknown; name: string }) =>
      isErrorNamed(params.error, params.name),
    hasUser: (_, params: { user: AuthUserInfo | null }) => params.user !== null,
    isPresent: (_, params: { value: unknown }) =>
      params.value !== null && params.value !== undefined,
    needsPasswordAgain: ({ context }) =>
      context.flow === 'passwordThenCode' && context.password === undefined,
  },
  actions: {
    rejectInput: assign({ error: ({ context, event }) => validationError(context, event) }),
    storeSignIn: assign(({ context, event }) => {
      assertEvent(event, 'SIGN_IN');
      return {
        username: event.username.trim(),
        password: context.flow === 'passwordThenCode' ? event.password : undefined,
        error: null,
      };
    }),
    storeSignUp: assign(({ context, event }) => {
      assertEvent(event, 'SIGN_UP');
      return {
        username: event.username.trim(),
        password: context.flow === 'passwordThenCode' ? event.password : undefined,
        error: null,
      };
    }),
    clearError: assign({ error: null }),
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
    })),
    nextRound: assign(({ context }, params: { parameters: Record<string, string> }) => {
      const challenge = newChallenge(
        context.timing,
        params.parameters,
        (context.challenge?.round ?? 0) + 1,
        context.challenge?.resendAvailableAt ?? Date.now(),
      );
      return { challenge, error: wrongAnswerError(challenge) };
    }),
    backToSignIn: assign((_, params: { error: CustomAuthError | null }) => ({
      password: undefined,
      challenge: null,
      codeDelivery: null,
      error: params.error,
    })),
    signedIn: assign((_, params: { user: AuthUserInfo | null }) => ({
      user: params.user,
      password: undefined,
      challenge: null,
      codeDelivery: null,
      error: null,
    })),
    restoreChallenge: assign((_, params: { pending: PendingChallenge | null }) =>
      params.pending
        ? { username: params.pending.username, challenge: params.pending.challenge, error: null }
        : {},
    ),
    ...serviceActions(amplifyServices),
    signedOut: assign({
      user: null,
      password: undefined,
      challenge: null,
      codeDelivery: null,
      error: null,
    }),
  },
}).createMachine({
  id: 'customAuth',
  context: ({ input }) => initialContext(input),
  initial: 'initializing',
  states: {
    initializing: {
      tags: pending,
      initial: 'checkingUser',
      states: {
        checkingUser: {
          invoke: {
            id: 'getCurrentUser',
            src: 'getCurrentUser',
            onDone: [
              {
                guard: { type: 'hasUser', params: ({ event }) => ({ user: event.output }) },
                target: '#customAuth.signedIn',
                actions: { type: 'signedIn', params: ({ event }) => ({ user: event.output }) },
              },
              { target: 'restoringChallenge' },
            ],
            onError: {
              target: '#customAuth.signIn',
              actions: { type: 'setError', params: ({ event }) => toAuthError(event.error) },
            },
          },
        },
        restoringChallenge: {
          invoke: {
            id: 'loadPendingChallenge',
            src: 'loadPendingChallenge',
            onDone: [
              {
                guard: { type: 'isPresent', params: ({ event }) => ({ value: event.output }) },
                target: '#customAuth.challenge',
                actions: {
                  type: 'restoreChallenge',
                  params: ({ event }) => ({ pending: event.output }),
                },
              },
              { target: '#customAuth.signIn' },
            ],
            onError: { target: '#customAuth.signIn' },
          },
        },
      },
    },
    signIn: {
      initial: 'idle',
      states: {
        idle: {
          on: {
            SIGN_IN: [
              { guard: 'inputInvalid', actions: 'rejectInput' },
              { target: 'submitting', actions: 'storeSignIn' },
            ],
            GO_TO_SIGN_UP: { target: '#customAuth.signUp', actions: 'clearError' },
          },
        },
        submitting: {
          tags: pending,
          invoke: {
            id: 'signIn',
            src: 'signIn',
            input: ({ context }) => ({
              username: context.username,
              password: context.password,
              flow: context.flow,
            }),
            onDone: [
              {
                guard: {
                  type: 'stepIs',
                  params: ({ event }) => ({ step: event.output, type: 'customChallenge' }),
                },
                target: '#customAuth.challenge',
                actions: {
                  type: 'startChallenge',
                  params: ({ event }) => challengeParameters(event.output),
                },
              },
              {
                guard: {
                  type: 'stepIs',
                  params: ({ event }) => ({ step: event.output, type: 'confirmSignUp' }),
                },
                target: '#customAuth.confirmSignUp.resendingCode',
              },
              {
                guard: {
                  type: 'stepIs',
                  params: ({ event }) => ({ step: event.output, type: 'done' }),
                },
                target: '#customAuth.signedIn',
                actions: {
                  type: 'signedIn',
                  params: ({ event }) => ({ user: doneUser(event.output) }),
                },
              },
              {
                target: 'idle',
                actions: { type: 'setError', params: authError('UnsupportedStep') },
              },
            ],
            onError: [
              {
                guard: {
                  type: 'errorIs',
                  params: ({ event }) => ({
                    error: event.error,
                    name: 'UserAlreadyAuthenticatedException',
                  }),
                },
                target: '#customAuth.initializing',
              },
              {
                guard: {
                  type: 'errorIs',
                  params: ({ event }) => ({
                    error: event.error,
                    name: 'UserNotConfirmedException',
                  }),
                },
                target: '#customAuth.confirmSignUp.resendingCode',
              },
              {
                target: 'idle',
                actions: { type: 'setError', params: ({ event }) => toAuthError(event.error) },
              },
            ],
          },
        },
      },
    },
    challenge: {
      initial: 'idle',
      exit: 'forgetChallenge',
      states: {
        idle: {
          entry: 'rememberChallenge',
          after: {
            challengeExpiry: {
              target: '#customAuth.signIn',
              actions: { type: 'backToSignIn', params: { error: authError('SessionExpired') } },
            },
          },
          on: {
            ANSWER_CHALLENGE: [
              { guard: 'inputInvalid', actions: 'rejectInput' },
              { target: 'answering', actions: 'clearError' },
            ],
            RESEND_CHALLENGE: [
              {
                guard: 'needsPasswordAgain',
                target: '#customAuth.signIn',
                actions: { type: 'backToSignIn', params: { error: authError('EmptyPassword') } },
              },
              {
                guard: 'resendCoolingDown',
                actions: { type: 'setError', params: authError('ResendCooldown') },
              },
              { target: 'resending', actions: 'clearError' },
            ],
            GO_TO_SIGN_IN: {
              target: '#customAuth.signIn',
              actions: { type: 'backToSignIn', params: { error: null } },
            },
          },
        },
        answering: {
          tags: pending,
          invoke: {
            id: 'confirmSignIn',
            src: 'confirmSignIn',
            input: ({ event }) => {
              assertEvent(event, 'ANSWER_CHALLENGE');
              return { answer: event.answer.trim() };
            },
            onDone: [
              {
                guard: {
                  type: 'stepIs',
                  params: ({ event }) => ({ step: event.output, type: 'customChallenge' }),
                },
                target: 'idle',
                actions: {
                  type: 'nextRound',
                  params: ({ event }) => challengeParameters(event.output),
                },
              },
              {
                guard: {
                  type: 'stepIs',
                  params: ({ event }) => ({ step: event.output, type: 'done' }),
                },
                target: '#customAuth.signedIn',
                actions: {
                  type: 'signedIn',
                  params: ({ event }) => ({ user: doneUser(event.output) }),
                },
              },
              {
                target: 'idle',
                actions: { type: 'setError', params: authError('UnsupportedStep') },
              },
            ],
            onError: [
              {
                guard: {
                  type: 'errorIs',
                  params: ({ event }) => ({ error: event.error, name: 'NotAuthorizedException' }),
                },
                target: '#customAuth.signIn',
                actions: {
                  type: 'backToSignIn',
                  params: ({ event }) => ({ error: toChallengeError(event.error) }),
                },
              },
              {
                target: 'idle',
                actions: { type: 'setError', params: ({ event }) => toAuthError(event.error) },
              },
            ],
          },
        },
        resending: {
          tags: pending,
          invoke: {
            id: 'signIn',
            src: 'signIn',
            input: ({ context }) => ({
              username: context.username,
              password: context.password,
              flow: context.flow,
            }),
            onDone: [
              {
                guard: {
                  type: 'stepIs',
                  params: ({ event }) => ({ step: event.output, type: 'customChallenge' }),
                },
                target: 'idle',
                actions: {
                  type: 'startChallenge',
                  params: ({ event }) => challengeParameters(event.output),
                },
              },
              {
                target: 'idle',
                actions: { type: 'setError', params: authError('UnsupportedStep') },
              },
            ],
            onError: {
              target: 'idle',
              actions: { type: 'setError', params: ({ event }) => toAuthError(event.error) },
            },
          },
        },
      },
    },
    signUp: {
      initial: 'idle',
      states: {
        idle: {
          on: {
            SIGN_UP: [
              { guard: 'inputInvalid', actions: 'rejectInput' },
              { target: 'submitting', actions: 'storeSignUp' },
            ],
            GO_TO_SIGN_IN: { target: '#customAuth.signIn', actions: 'clearError' },
          },
        },
        submitting: {
          tags: pending,
          invoke: {
            id: 'signUp',
            src: 'signUp',
            input: ({ context, event }) => {
              assertEvent(event, 'SIGN_UP');
              return {
                username: context.username,
                password: event.password || generatePassword(),
                attributes: event.attributes ?? {},
                flow: context.flow,
              };
            },
            onDone: [
              {
                guard: {
                  type: 'stepIs',
                  params: ({ event }) => ({ step: event.output, type: 'confirmSignUp' }),
                },
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
                guard: {
                  type: 'stepIs',
                  params: ({ event }) => ({ step: event.output, type: 'autoSignIn' }),
                },
                target: '#customAuth.confirmSignUp.autoSigningIn',
              },
              { target: '#customAuth.signIn' },
            ],
            onError: {
              target: 'idle',
              actions: { type: 'setError', params: ({ event }) => toAuthError(event.error) },
            },
          },
        },
      },
    },
    confirmSignUp: {
      initial: 'idle',
      states: {
        idle: {
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
        resendingCode: {
          tags: pending,
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
              actions: { type: 'setError', params: ({ event }) => toAuthError(event.error) },
            },
          },
        },
        confirming: {
          tags: pending,
          invoke: {
            id: 'confirmSignUp',
            src: 'confirmSignUp',
            input: ({ context, event }) => {
              assertEvent(event, 'CONFIRM_SIGN_UP');
              return { username: context.username, code: event.code.trim() };
            },
            onDone: [
              {
                guard: {
                  type: 'stepIs',
                  params: ({ event }) => ({ step: event.output, type: 'autoSignIn' }),
                },
                target: 'autoSigningIn',
              },
              { target: '#customAuth.signIn.submitting' },
            ],
            onError: {
              target: 'idle',
              actions: { type: 'setError', params: ({ event }) => toAuthError(event.error) },
            },
          },
        },
        autoSigningIn: {
          tags: pending,
          invoke: {
            id: 'autoSignIn',
            src: 'autoSignIn',
            onDone: [
              {
                guard: {
                  type: 'stepIs',
                  params: ({ event }) => ({ step: event.output, type: 'customChallenge' }),
                },
                target: '#customAuth.challenge',
                actions: {
                  type: 'startChallenge',
                  params: ({ event }) => challengeParameters(event.output),
                },
              },
              {
                guard: {
                  type: 'stepIs',
                  params: ({ event }) => ({ step: event.output, type: 'done' }),
                },
                target: '#customAuth.signedIn',
                actions: {
                  type: 'signedIn',
                  params: ({ event }) => ({ user: doneUser(event.output) }),
                },
              },
              {
                target: '#customAuth.signIn',
                actions: { type: 'backToSignIn', params: { error: null } },
              },
            ],
            onError: {
              target: '#customAuth.signIn',
              actions: {
                type: 'backToSignIn',
                params: ({ event }) => ({ error: toAuthError(event.error) }),
              },
            },
          },
        },
      },
    },
    signedIn: {
      initial: 'idle',
      invoke: { id: 'signOutListener', src: 'signOutListener' },
      on: { SIGNED_OUT: { target: 'signIn', actions: 'signedOut' } },
      states: {
        idle: { on: { SIGN_OUT: 'signingOut' } },
        signingOut: {
          tags: pending,
          invoke: {
            id: 'signOut',
            src: 'signOut',
            onDone: { target: '#customAuth.signIn', actions: 'signedOut' },
            onError: {
              target: 'idle',
              actions: { type: 'setError', params: ({ event }) => toAuthError(event.error) },
            },
          },
        },
      },
    },
  },
});

function challengeParameters(step: SignInStep): { parameters: Record<string, string> } {
  return { parameters: step.type === 'customChallenge' ? step.parameters : {} };
}

function doneUser(step: SignInStep): AuthUserInfo | null {
  return step.type === 'done' ? step.user : null;
}

export type CustomAuthMachine = typeof customAuthMachine;

/** The statechart with some or all backend calls replaced; the rest still call Amplify. */
export function withServices(services: Partial<CustomAuthServices>): CustomAuthMachine {
  const merged = { ...amplifyServices, ...services };
  return customAuthMachine.provide({
    actors: serviceActors(merged),
    actions: serviceActions(merged),
  });
}
