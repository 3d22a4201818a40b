import type { CustomAuthFlow } from '../shared/flows.ts';

export type { CustomAuthFlow } from '../shared/flows.ts';

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

/** One option of a `choice` challenge. */
export interface ChallengeOption {
  value: string;
  label: string;
}

/** What every challenge has, whatever its type. */
export interface ChallengeBase {
  /**
   * The `type` parameter as the trigger sent it, an app's own names included; without one,
   * `code` when the trigger sent `codeLength`, else `text`.
   */
  name: string;
  /** The `hint` public parameter, or null when the trigger sent none. Render it as text. */
  hint: string | null;
  /** Every public challenge parameter (Amplify's `nextStep.additionalInfo`). */
  parameters: Readonly<Record<string, string>>;
  /** 1 for the first answer in this step, counting up after each wrong one. */
  round: number;
  /** Position in a chain of steps (`step` of `steps`), or null when the trigger sent none. */
  step: number | null;
  steps: number | null;
  /** Wrong answers this step still takes (`attemptsLeft`), or null when the trigger sent none. */
  attemptsLeft: number | null;
  /** Epoch ms after which the session is treated as dead and the user sent back to sign in. */
  expiresAt: number;
  /** Epoch ms from which `resendChallenge` is accepted. */
  resendAvailableAt: number;
}

/**
 * A one-time code sent to the user; also a `magicLink` step (`name`) once its email, which
 * carries a code beside the link, is sent (`parameters.linkSent`).
 */
export interface CodeChallengeInfo extends ChallengeBase {
  type: 'code';
  codeLength: number | null;
  /** Where the code went, masked by the trigger. */
  destination: string | null;
  deliveryMedium: 'EMAIL' | 'SMS' | null;
}

/** A question with a free answer. */
export interface TextChallengeInfo extends ChallengeBase {
  type: 'text';
  /** Mask the answer as a password field does. */
  secret: boolean;
  /** The answer field's autocomplete token, when the trigger sent one. */
  autocomplete: string | null;
}

/** Pick one of the options; the answer is the option's `value`. */
export interface ChoiceChallengeInfo extends ChallengeBase {
  type: 'choice';
  /** Empty when the trigger sent none or sent them malformed. */
  options: readonly ChallengeOption[];
}

/** A CAPTCHA; the answer is the token the provider's widget gives. */
export interface CaptchaChallengeInfo extends ChallengeBase {
  type: 'captcha';
  /** `turnstile`, `recaptcha`, `hcaptcha` or `local`. */
  provider: string;
  siteKey: string;
}

/** A type the kit does not know: an app's own, named by `name`. */
export interface CustomChallengeInfo extends ChallengeBase {
  type: 'custom';
}

/**
 * A sign-in link opened in a browser that did not ask for it (`signInLinks`): before it signs
 * anyone in, the user confirms whose account it opens. `answerChallenge` (any answer)
 * continues, and once the link's sign-in goes on, its user (`parameters.username`) is the one
 * signing in; `goToSignIn` drops the link.
 */
export interface LinkConfirmationInfo extends ChallengeBase {
  type: 'linkConfirmation';
  /** Where the link was mailed, masked by the trigger (`a***@e***.com`). */
  destination: string;
}

/**
 * The challenge in progress: what the Create Auth Challenge trigger sent, typed by its
 * `type` parameter, and its clocks.
 */
export type ChallengeInfo =
  | CodeChallengeInfo
  | TextChallengeInfo
  | ChoiceChallengeInfo
  | CaptchaChallengeInfo
  | CustomChallengeInfo
  | LinkConfirmationInfo;

/** Timing options, all in milliseconds. */
export interface CustomAuthTiming {
  /** Cognito's AuthSessionValidity for the app client. Default 180 000 (3 minutes). */
  sessionValidityMs: number;
  /** Expire the challenge this much earlier than Cognito would, for clock skew and latency. Default 5 000. */
  expiryMarginMs: number;
  /** How long after a code was sent a new one may be requested. Default 30 000. */
  resendCooldownMs: number;
}

export interface CustomAuthInput extends Partial<CustomAuthTiming> {
  flow?: CustomAuthFlow;
  /** The first screen for a signed-out user with no sign-in to resume. Default `signIn`. */
  initialRoute?: 'signIn' | 'signUp';
}

/** Outcome of any call that can move a sign-in forward. */
export type SignInStep =
  | { type: 'customChallenge'; parameters: Record<string, string> }
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
