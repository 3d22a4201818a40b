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

/** What `answerOnClient` is asked to answer. */
export interface ClientAnswerRequest {
  /** The round to answer. */
  challenge: ChallengeInfo;
  /** The sign-in link this sign-in started from (`loadPendingChallenge` gave it), if any. */
  link?: string;
}

/**
 * The backend calls the statechart makes, each a plain async function. The defaults call
 * Amplify (sign-up only once `amplifySignUp` is passed); tests, stories and apps replace any
 * of them through `machine.provide({ actors })` or the provider's `services` prop.
 */
export interface CustomAuthServices {
  getCurrentUser: () => Promise<AuthUserInfo | null>;
  signIn: (request: SignInRequest) => Promise<SignInStep>;
  /** `clientMetadata` goes to the triggers this answer runs (a choice's value, say). */
  confirmSignIn: (answer: string, clientMetadata?: Record<string, string>) => Promise<SignInStep>;
  signUp: (request: SignUpRequest) => Promise<SignUpStep>;
  confirmSignUp: (request: ConfirmSignUpRequest) => Promise<ConfirmSignUpStep>;
  resendSignUpCode: (username: string) => Promise<CodeDelivery>;
  autoSignIn: () => Promise<SignInStep>;
  signOut: () => Promise<void>;
  /** Calls `onSignedOut` when the user is signed out elsewhere; returns the unsubscribe. */
  listenForSignOut: (onSignedOut: () => void) => () => void;
  /** Calls `onChange` with the user after another tab signed in or out; returns the unsubscribe. */
  listenForOtherTabs: (onChange: (user: AuthUserInfo | null) => void) => () => void;
  /**
   * Answers a round that the challenge's type answers on the client, not the user (its
   * protocol's `clientAnswer`): a `magicLink` step's first round (with the link this page
   * was opened with, signs in with it; without, asks for one), a link from another browser
   * once the user says to go on. Default: refused, naming the option that brings it
   * (`signInLinks()`).
   */
  answerOnClient: (request: ClientAnswerRequest) => Promise<SignInStep>;
  /** Keeps the open challenge (null: forgets it) so a reload can resume it. */
  savePendingChallenge: (pending: PendingChallenge | null) => void;
  loadPendingChallenge: () => Promise<PendingChallenge | null>;
  /**
   * Whether a session or a sign-in to resume may be stored, answered at once: on false the
   * statechart starts on its first form and checks the session behind it. Default: Amplify's
   * tokens in localStorage, or a kept challenge; true wherever it cannot tell.
   */
  mayResume: () => boolean;
}
