/** Which custom-auth variant the user pool's Define Auth Challenge trigger runs. */
export type CustomAuthFlow = 'passwordless' | 'passwordThenCode';

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

/** The challenge in progress: what the Create Auth Challenge trigger sent, and its clocks. */
export interface ChallengeInfo {
  /** The `hint` public parameter, or null when the trigger sent none. Render it as text. */
  hint: string | null;
  /** Every public challenge parameter (Amplify's `nextStep.additionalInfo`). */
  parameters: Readonly<Record<string, string>>;
  /** 1 for the first answer, counting up after each wrong one. */
  round: number;
  /** Epoch ms after which the session is treated as dead and the user sent back to sign in. */
  expiresAt: number;
  /** Epoch ms from which `resendChallenge` is accepted. */
  resendAvailableAt: number;
}

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
  password: string;
  attributes: Record<string, string>;
  flow: CustomAuthFlow;
}

export interface ConfirmSignUpRequest {
  username: string;
  code: string;
}
