import type { CreateAuthChallengeTriggerEvent } from 'aws-lambda';

/** What a {@link SendCode} function receives. */
export interface SendCodeInput {
  /** The unmasked email address or phone number to deliver the code to. */
  destination: string;
  /** The one-time code, digits only. Keep it out of logs. */
  code: string;
  /** The Create Auth Challenge event, for the user's attributes and `clientMetadata`. */
  event: CreateAuthChallengeTriggerEvent;
  /**
   * The step's `webOtpDomain`: a text message should end with `codeSms`'s origin-bound line
   * for it, so the browser can fill the code in on that host.
   */
  webOtpDomain?: string;
}

/**
 * Delivers a one-time code. Called once per sign-in, not once per round. A rejection fails the
 * trigger, which Cognito reports to the client as `UserLambdaValidationException`.
 */
export type SendCode = (input: SendCodeInput) => Promise<void>;
