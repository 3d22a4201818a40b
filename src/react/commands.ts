import type { CustomAuthEvent } from '../machine/index.ts';

/**
 * What a UI can ask of the flow. Each is ignored while a request is pending, but
 * `goToSignIn` on a challenge, which gives up on the request.
 */
export interface CustomAuthCommands {
  /** Starts a sign-in; `password` is used only in the passwordThenCode flow. */
  signIn: (credentials: { username: string; password?: string }) => void;
  /** Sends the user's answer to the current custom challenge. */
  answerChallenge: (answer: string) => void;
  /** Asks for a new code by starting the sign-in again; refused until `challenge.resendAvailableAt`. */
  resendChallenge: () => void;
  /**
   * After a choice of channel (the code's `channels`), asks for the code by another one
   * instead (`sms`, `email`), without waiting for `challenge.resendAvailableAt`.
   */
  resendChallengeBy: (channel: string) => void;
  /**
   * Registers a user. Without a password (passwordless flow) a strong random one is
   * generated, since Cognito requires one.
   */
  signUp: (details: {
    username: string;
    password?: string;
    attributes?: Record<string, string>;
  }) => void;
  confirmSignUp: (code: string) => void;
  resendSignUpCode: () => void;
  signOut: () => void;
  goToSignIn: () => void;
  goToSignUp: () => void;
}

export function createCommands(send: (event: CustomAuthEvent) => void): CustomAuthCommands {
  const command =
    (type: 'RESEND_SIGN_UP_CODE' | 'SIGN_OUT' | 'GO_TO_SIGN_IN' | 'GO_TO_SIGN_UP') => () =>
      send({ type });
  return {
    // The type last, so that nothing in what the app passes can change it.
    signIn: (credentials) => send({ ...credentials, type: 'SIGN_IN' }),
    answerChallenge: (answer) => send({ type: 'ANSWER_CHALLENGE', answer }),
    resendChallenge: () => send({ type: 'RESEND_CHALLENGE' }),
    resendChallengeBy: (channel) => send({ type: 'RESEND_CHALLENGE', channel }),
    signUp: (details) => send({ ...details, type: 'SIGN_UP' }),
    confirmSignUp: (code) => send({ type: 'CONFIRM_SIGN_UP', code }),
    resendSignUpCode: command('RESEND_SIGN_UP_CODE'),
    signOut: command('SIGN_OUT'),
    goToSignIn: command('GO_TO_SIGN_IN'),
    goToSignUp: command('GO_TO_SIGN_UP'),
  };
}
