import type { DeployedStep } from '../../triggers/presets/deployed-step.ts';
import { codeStep } from './step.ts';

/** A one-time code by email, in a deployed chain. */
export interface CodeStepSpec {
  type: 'code';
  /** Digits, 4 to 12. Default 6. */
  codeLength?: number;
  /** Default 3. */
  maxAttempts?: number;
  /** Text for the user besides what the kit's screen says of a code. */
  hint?: string;
}

export const codeDeployment: DeployedStep<CodeStepSpec> = {
  options: ['codeLength', 'maxAttempts', 'hint'],
  // Email only: the function may send from its SES identity and nothing else.
  step: ({ codeLength, maxAttempts, hint }) =>
    codeStep({ codeLength, maxAttempts, hint, deliver: 'email' }),
};
