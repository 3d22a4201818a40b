// The one fake backend of the tests and the stories: a user pool running the kit's triggers,
// in memory. No test runner here, so Storybook loads it too; tests add spies around it.
import type {
  AuthUserInfo,
  CodeDelivery,
  CustomAuthServices,
  PendingChallenge,
  SignInStep,
} from '../../src/machine/index.ts';

/** The code every fake challenge and sign-up confirmation accepts. */
export const rightCode = '123456';
export const wrongCode = '000000';
/** The password the fake pool accepts in the passwordThenCode flow. */
export const rightPassword = 'Secret-123';
export const hint = 'Enter the 6-digit code we emailed you.';
export const maskedEmail = 'a***@e***.com';

export const alice: AuthUserInfo = { username: 'alice', userId: 'alice-sub' };

export const emailDelivery: CodeDelivery = {
  destination: maskedEmail,
  deliveryMedium: 'EMAIL',
  attributeName: 'email',
};

/** What Amplify throws: an Error whose `name` is Cognito's error code. */
export function cognitoError(name: string, message = `${name}: rejected by the fake pool.`): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/** A request that never answers, to hold a screen in its pending state. */
export function never<T>(): Promise<T> {
  return new Promise<T>(() => {});
}

/** Deferred promise, for holding a backend call open while a test acts. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** The public parameters a Create Auth Challenge trigger sends: a code by email by default. */
export function challengeParameters(parameters: Record<string, string> = {}) {
  return {
    hint,
    destination: maskedEmail,
    codeLength: String(rightCode.length),
    attemptsLeft: '3',
    ...parameters,
  };
}

/** A sign-in step that asks the challenge with these parameters. */
export function challengeStep(parameters: Record<string, string> = {}): SignInStep {
  return { type: 'customChallenge', parameters: challengeParameters(parameters) };
}

export interface FakePoolOptions {
  /** The user already signed in when the story opens. */
  signedInAs?: AuthUserInfo | null;
  /** Rounds before the session fails, as Define's `maxAttempts`. */
  maxAttempts?: number;
  /** Sign-in first answers UserNotConfirmedException, until a sign-up code is confirmed. */
  unconfirmed?: boolean;
  /**
   * Keep a challenge in progress for a reload, in memory. Off for stories: they share one
   * page, and a kept challenge would leak into the next story.
   */
  keepsChallenge?: boolean;
}

/**
 * Services that behave like a user pool running the kit's triggers: one code per sign-in,
 * a wrong answer costs an attempt, the last wrong answer fails the session. `overrides`
 * replace single calls, for pending states and errors.
 */
export function fakePool(
  overrides: Partial<CustomAuthServices> = {},
  options: FakePoolOptions = {},
): CustomAuthServices {
  const {
    signedInAs = null,
    maxAttempts = 3,
    unconfirmed = false,
    keepsChallenge = false,
  } = options;
  let pending: PendingChallenge | null = null;
  let username = '';
  let attemptsLeft = maxAttempts;
  let confirmed = !unconfirmed;
  let signedUpHere = false;
  // A test that replaces signIn still signs someone in: alice, unless the pool saw a name.
  const user = (): AuthUserInfo => (username ? { username, userId: `${username}-sub` } : alice);
  const startChallenge = (name: string): SignInStep => {
    username = name;
    attemptsLeft = maxAttempts;
    return challengeStep({ attemptsLeft: String(attemptsLeft) });
  };
  const base: CustomAuthServices = {
    getCurrentUser: async () => signedInAs,
    signIn: async (request) => {
      if (!confirmed) throw cognitoError('UserNotConfirmedException', 'User is not confirmed.');
      if (request.flow === 'passwordThenCode' && request.password !== rightPassword) {
        throw cognitoError('NotAuthorizedException', 'Incorrect username or password.');
      }
      return startChallenge(request.username);
    },
    confirmSignIn: async (answer) => {
      if (answer === rightCode) return { type: 'done', user: user() };
      attemptsLeft -= 1;
      if (attemptsLeft > 0) return challengeStep({ attemptsLeft: String(attemptsLeft) });
      throw cognitoError('NotAuthorizedException', 'Incorrect username or password.');
    },
    signUp: async (request) => {
      username = request.username;
      confirmed = false;
      signedUpHere = true;
      return { type: 'confirmSignUp', codeDelivery: emailDelivery };
    },
    confirmSignUp: async ({ code }) => {
      if (code !== rightCode) throw cognitoError('CodeMismatchException', 'Invalid code.');
      confirmed = true;
      return { type: signedUpHere ? 'autoSignIn' : 'done' };
    },
    resendSignUpCode: async () => emailDelivery,
    autoSignIn: async () => startChallenge(username),
    signOut: async () => {},
    listenForSignOut: () => () => {},
    listenForOtherTabs: () => () => {},
    answerOnClient: async () => startChallenge(username),
    savePendingChallenge: (challenge) => {
      if (keepsChallenge) pending = challenge;
    },
    loadPendingChallenge: async () => pending,
    mayResume: () => signedInAs !== null || pending !== null,
  };
  return { ...base, ...quickCheckFor(overrides), ...overrides };
}

/**
 * As the kit does with an app's services: a replaced session or challenge lookup without a
 * quick check of its own may find anything.
 */
export function quickCheckFor(overrides: Partial<CustomAuthServices>) {
  const lookupReplaced = overrides.getCurrentUser ?? overrides.loadPendingChallenge;
  return lookupReplaced ? { mayResume: () => true } : {};
}

/** Every sign-in attempt fails with `error`, as Amplify's `signIn` would throw it. */
export function signInFails(error: Error): CustomAuthServices {
  return fakePool({
    signIn: async () => {
      throw error;
    },
  });
}

/** Network failures reach the app as Amplify's `Unknown` with the fetch error inside. */
export function networkError(): Error {
  return Object.assign(cognitoError('Unknown', 'An unknown error has occurred.'), {
    underlyingError: new TypeError('Failed to fetch'),
  });
}

/** One step of a fake chain: what its Create sends, and the answer its Verify takes. */
export interface FakeStep {
  /** Or made from the previous step's answer (a code sent where a choice said). */
  parameters: Record<string, string> | ((previousAnswer: string) => Record<string, string>);
  /** The right answer, or each of the right ones (any option of a choice). */
  answer: string | readonly string[];
}

/**
 * Services that behave like a pool running a chain of steps: each step has its own
 * attempts; a right answer moves to the next step, the last one signs in.
 */
export function fakeChain(steps: readonly FakeStep[], maxAttempts = 3): CustomAuthServices {
  let username = '';
  let index = 0;
  let attemptsLeft = maxAttempts;
  let previousAnswer = '';
  const parametersOf = (step: FakeStep | undefined) =>
    typeof step?.parameters === 'function' ? step.parameters(previousAnswer) : step?.parameters;
  const current = (): SignInStep => ({
    type: 'customChallenge',
    parameters: {
      ...parametersOf(steps[index]),
      step: String(index + 1),
      steps: String(steps.length),
      attemptsLeft: String(attemptsLeft),
    },
  });
  return fakePool({
    signIn: async (request) => {
      username = request.username;
      index = 0;
      attemptsLeft = maxAttempts;
      return current();
    },
    confirmSignIn: async (answer) => {
      const right = steps[index]?.answer;
      if (typeof right === 'string' ? answer === right : right?.includes(answer)) {
        previousAnswer = answer;
        index += 1;
        attemptsLeft = maxAttempts;
        return index < steps.length
          ? current()
          : { type: 'done', user: { username, userId: `${username}-sub` } };
      }
      attemptsLeft -= 1;
      if (attemptsLeft > 0) return current();
      throw cognitoError('NotAuthorizedException', 'Incorrect username or password.');
    },
  });
}
