import type { CaptchaChallengeInfo } from '../challenges/captcha/protocol.ts';
import type { ChallengeOption, ChoiceChallengeInfo } from '../challenges/choice/protocol.ts';
import type { CodeChallengeInfo } from '../challenges/code/protocol.ts';
import type { LinkConfirmationInfo } from '../challenges/magic-link/protocol.ts';
import type { ChallengeBase, CustomChallengeInfo } from '../challenges/protocol.ts';
import type { ChallengeInfo } from '../challenges/protocols.ts';
import type { TextChallengeInfo } from '../challenges/text/protocol.ts';
import type { CustomAuthFlow } from '../shared/flows.ts';

export type { CustomAuthFlow } from '../shared/flows.ts';
export type {
  CaptchaChallengeInfo,
  ChallengeBase,
  ChallengeInfo,
  ChallengeOption,
  ChoiceChallengeInfo,
  CodeChallengeInfo,
  CustomChallengeInfo,
  LinkConfirmationInfo,
  TextChallengeInfo,
};

/** The screens a UI shows; one per top-level state of the statechart. */
export type CustomAuthRoute =
  | 'initializing'
  | 'signIn'
  | 'challenge'
  | 'signUp'
  | 'confirmSignUp'
  | 'signedIn';

/** The signed-in user, as Amplify's `getCurrentUser` describes it. */
export interface AuthUserInfo {
  username: string;
  userId: string;
}

/** Where a confirmation code went, as Cognito reports it. */
export interface CodeDelivery {
  destination?: string;
  deliveryMedium?: string;
  attributeName?: string;
}

/** Timing options, all in milliseconds. */
export interface CustomAuthTiming {
  /** Cognito's AuthSessionValidity for the app client. Default 180 000 (3 minutes). */
  sessionValidityMs: number;
  /** Expire the challenge this much earlier than Cognito would, for clock skew and latency. Default 5 000. */
  expiryMarginMs: number;
  /** How long after a code was sent a new one may be requested. Default 30 000. */
  resendCooldownMs: number;
  /**
   * How long a backend call may take before the statechart stops waiting and reports a
   * `Network` error. Default 15 000.
   */
  callTimeoutMs: number;
}

export interface CustomAuthInput extends Partial<CustomAuthTiming> {
  flow?: CustomAuthFlow;
  /** The first screen for a signed-out user with no sign-in to resume. Default `signIn`. */
  initialRoute?: 'signIn' | 'signUp';
}

/** Outcome of any call that can move a sign-in forward. */
export type SignInStep =
  | {
      type: 'customChallenge';
      parameters: Record<string, string>;
      /**
       * Whose sign-in goes on, when the client's own answer named the user (a sign-in link's,
       * say) rather than the one typed.
       */
      username?: string;
    }
  | { type: 'confirmSignUp' }
  | { type: 'done'; user: AuthUserInfo }
  | { type: 'unsupported'; signInStep: string };

/** Outcome of `signUp`. */
export type SignUpStep =
  | { type: 'confirmSignUp'; codeDelivery: CodeDelivery }
  | { type: 'autoSignIn' }
  | { type: 'done' };

/** Outcome of `confirmSignUp`. */
export type ConfirmSignUpStep = { type: 'autoSignIn' } | { type: 'done' };

export interface SignInRequest {
  username: string;
  password?: string;
  flow: CustomAuthFlow;
  /**
   * On a resend: the value to pick when the new start comes to a delivery choice first, so
   * that it comes back to the code (by that channel). The `signIn` service never sees it.
   */
  deliveryChoice?: string;
}

export interface SignUpRequest {
  username: string;
  /** None in a passwordless sign-up: the service makes one nobody types (Cognito needs one). */
  password?: string;
  attributes: Record<string, string>;
  flow: CustomAuthFlow;
}

export interface ConfirmSignUpRequest {
  username: string;
  code: string;
}
