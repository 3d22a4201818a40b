import type { DeployedStep } from '../../triggers/presets/deployed-step.ts';
import { type CodeStepChannel, codeStep } from './step.ts';

/** A one-time code by email or SMS, in a deployed chain. */
export interface CodeStepSpec {
  type: 'code';
  /**
   * Where the code goes: the verified `email` (default, through Amazon SES), the verified
   * `phone_number` (`sms`, through Amazon SNS), or the one the user picks (`choice`).
   */
  deliver?: CodeStepChannel;
  /** With SMS: the app page's host name, for the browser to fill the code (WebOTP). */
  webOtpDomain?: string;
  /** Digits, 4 to 12. Default 6. */
  codeLength?: number;
  /** Default 3. */
  maxAttempts?: number;
  /** Text for the user besides what the kit's screen says of a code. */
  hint?: string;
}

/** Whether a code step may send by SMS, so that its function needs leave to publish to phones. */
export const sendsSms = (spec: CodeStepSpec) => spec.deliver === 'sms' || spec.deliver === 'choice';

export const codeDeployment: DeployedStep<CodeStepSpec> = {
  options: ['deliver', 'webOtpDomain', 'codeLength', 'maxAttempts', 'hint'],
  // By email unless told: without a word, a user with no email would be sent an SMS that the
  // function may not send.
  step: ({ deliver = 'email', webOtpDomain, codeLength, maxAttempts, hint }) =>
    codeStep({ deliver, webOtpDomain, codeLength, maxAttempts, hint }),
};
