import type { CustomAuthError } from './errors.ts';
import type {
  AuthUserInfo,
  ChallengeInfo,
  CodeDelivery,
  CustomAuthFlow,
  CustomAuthInput,
  CustomAuthTiming,
} from './types.ts';
import { validateAnswer, validateConfirmationCode, validateCredentials } from './validation.ts';

export interface CustomAuthContext {
  flow: CustomAuthFlow;
  initialRoute: 'signIn' | 'signUp';
  timing: CustomAuthTiming;
  username: string;
  /**
   * Only in the passwordThenCode flow, only between the sign-in form and the end of the
   * challenge: Cognito has no resend for custom challenges, so a new code means a new SRP
   * sign-in, which needs the password again.
   */
  password: string | undefined;
  challenge: ChallengeInfo | null;
  codeDelivery: CodeDelivery | null;
  error: CustomAuthError | null;
  user: AuthUserInfo | null;
  /**
   * A sign-in in another tab, heard while a call was in flight: followed once the call has
   * answered, so that no call is left running behind the statechart's back.
   */
  elsewhere?: AuthUserInfo | undefined;
  /**
   * The token of the sign-in link the sign-in under way started with, until it is answered:
   * no other sign-in can use it.
   */
  link?: string | undefined;
  /**
   * Set by a confirmed sign-up, until the sign-in it starts ends: Cognito's custom flow cannot
   * take the confirmation as a sign-in, so that sign-in asks for another code.
   */
  signUpConfirmed?: boolean | undefined;
}

export type CustomAuthEvent =
  | { type: 'SIGN_IN'; username: string; password?: string }
  | { type: 'ANSWER_CHALLENGE'; answer: string }
  | {
      type: 'RESEND_CHALLENGE';
      /** After a choice of channel (the code's `channels`), the one to send by instead. */
      channel?: string;
    }
  | {
      type: 'SIGN_UP';
      username: string;
      password?: string;
      attributes?: Record<string, string>;
    }
  | { type: 'CONFIRM_SIGN_UP'; code: string }
  | { type: 'RESEND_SIGN_UP_CODE' }
  | { type: 'SIGN_OUT' }
  | { type: 'SIGNED_OUT' }
  | { type: 'SIGNED_IN'; user: AuthUserInfo }
  | { type: 'GO_TO_SIGN_IN' }
  | { type: 'GO_TO_SIGN_UP' };

/** The timing a statechart runs with where its input gives none. */
export const defaultTiming: CustomAuthTiming = {
  sessionValidityMs: 180_000,
  expiryMarginMs: 5_000,
  resendCooldownMs: 30_000,
  callTimeoutMs: 15_000,
};

export function initialContext(input: CustomAuthInput | undefined): CustomAuthContext {
  const { flow = 'passwordless', initialRoute = 'signIn', ...timing } = input ?? {};
  return {
    flow,
    initialRoute,
    timing: { ...defaultTiming, ...definedOnly(timing) },
    username: '',
    password: undefined,
    challenge: null,
    codeDelivery: null,
    error: null,
    user: null,
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined),
  ) as Partial<T>;
}

export function validationError(
  context: CustomAuthContext,
  event: CustomAuthEvent,
): CustomAuthError | null {
  switch (event.type) {
    case 'SIGN_IN':
    case 'SIGN_UP':
      return validateCredentials(event, context.flow);
    case 'ANSWER_CHALLENGE':
      return validateAnswer(event.answer);
    case 'CONFIRM_SIGN_UP':
      return validateConfirmationCode(event.code);
    default:
      return null;
  }
}

/**
 * The event an action or invocation runs on, of the type the statechart's own transitions
 * guarantee (so the type checker narrows it, and nothing checks it again at run time).
 */
export type EventOf<T extends CustomAuthEvent['type']> = Extract<CustomAuthEvent, { type: T }>;
