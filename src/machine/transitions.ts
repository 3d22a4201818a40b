import type { CustomAuthContext } from './context.ts';
import { authError, type KnownErrorName, toAuthError } from './errors.ts';
import type { AuthUserInfo, ConfirmSignUpStep, SignInStep, SignUpStep } from './types.ts';

/** Every outcome a service call can report. */
export type StepType = (SignInStep | SignUpStep | ConfirmSignUpStep)['type'];

type StepEvent = { event: { output: { type: StepType } } };
type ErrorEvent = { event: { error: unknown } };

export const stepIs = (type: StepType) => ({
  type: 'stepIs' as const,
  params: ({ event }: StepEvent) => ({ step: event.output, type }),
});

export const errorIs = (name: KnownErrorName) => ({
  type: 'errorIs' as const,
  params: ({ event }: ErrorEvent) => ({ error: event.error, name }),
});

export const setErrorFromEvent = {
  type: 'setError' as const,
  params: ({ event }: ErrorEvent) => toAuthError(event.error),
};

/**
 * A username locked by the triggers' limits, or a sign-in link refused, ends the challenge:
 * no answer can pass in this sign-in.
 */
export const toSignInWhenRefused = {
  guard: {
    type: 'endsSignIn' as const,
    params: ({ event }: ErrorEvent) => ({ error: event.error }),
  },
  target: '#customAuth.signIn',
  actions: {
    type: 'backToSignIn' as const,
    params: ({ event }: ErrorEvent) => ({ error: toAuthError(event.error) }),
  },
};

export const signInRequest = ({ context }: { context: CustomAuthContext }) => ({
  username: context.username,
  password: context.password,
  flow: context.flow,
});

type StepDoneEvent = { event: { output: SignInStep } };

export const startChallengeFromStep = {
  type: 'startChallenge' as const,
  params: ({ event }: StepDoneEvent) => challengeParameters(event.output),
};

/** The two ways a sign-in step moves on, shared by every call that can return one. */
export const toChallenge = {
  guard: stepIs('customChallenge'),
  target: '#customAuth.challenge',
  actions: startChallengeFromStep,
};

export const toSignedIn = {
  guard: stepIs('done'),
  target: '#customAuth.signedIn',
  actions: {
    type: 'signedIn' as const,
    params: ({ event }: StepDoneEvent) => ({ user: doneUser(event.output) }),
  },
};

export function challengeParameters(step: SignInStep): { parameters: Record<string, string> } {
  return { parameters: step.type === 'customChallenge' ? step.parameters : {} };
}

export function doneUser(step: SignInStep): AuthUserInfo | null {
  return step.type === 'done' ? step.user : null;
}

/** An account that is not confirmed yet: a fresh confirmation code, then the sign-in goes on. */
const toConfirmSignUp = {
  guard: stepIs('confirmSignUp'),
  target: '#customAuth.confirmSignUp.resendingCode',
};

/** A step the kit cannot take (an MFA prompt, say) ends the sign-in, saying why. */
export const toSignInUnsupported = {
  target: '#customAuth.signIn',
  actions: { type: 'backToSignIn' as const, params: { error: authError('UnsupportedStep') } },
};

/** Every way a sign-in call can succeed, shared by the sign-in form, the resend and auto sign-in. */
export const signInSucceeded = [toChallenge, toConfirmSignUp, toSignedIn, toSignInUnsupported];

/**
 * The ways a sign-in call can fail that lead elsewhere, shared likewise; each state adds
 * its own last resort. Someone already signed in (another tab) is found by starting over.
 */
export const signInFailedElsewhere = [
  toSignInWhenRefused,
  {
    guard: errorIs('UserAlreadyAuthenticatedException'),
    target: '#customAuth.initializing.checkingUser',
    actions: ['forgetPassword' as const, setErrorFromEvent],
  },
  { ...toConfirmSignUp, guard: errorIs('UserNotConfirmedException') },
];
