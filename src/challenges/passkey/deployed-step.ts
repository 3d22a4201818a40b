import type { DeployedStep } from '../../triggers/presets/deployed-step.ts';
import { passkeyEnrollmentStep } from './enrollment-step.ts';
import type { DeployedRelyingParty } from './server/relying-party.ts';
import { passkeyStep } from './step.ts';

/** Sign-in with a passkey the user registered, in a deployed chain. */
export interface PasskeyStepSpec {
  type: 'passkey';
  /** Default 3. */
  maxAttempts?: number;
  /** Text for the user besides what the kit's screen says of a passkey. */
  hint?: string;
}

/** An offer to register a passkey, after a step that proved a factor, in a deployed chain. */
export interface PasskeyEnrollmentStepSpec {
  type: 'passkeyEnrollment';
  /** Default 3. */
  maxAttempts?: number;
  /** Text for the user besides what the kit's screen says. */
  hint?: string;
}

function partyOf(party: DeployedRelyingParty | undefined, type: string): DeployedRelyingParty {
  if (!party) {
    throw new TypeError(
      `A ${type} step needs the passkey settings: the construct's passkeys prop, or CUSTOM_AUTH_PASSKEYS ({"rpId","origins"}).`,
    );
  }
  return party;
}

export const passkeyDeployment: DeployedStep<PasskeyStepSpec> = {
  options: ['maxAttempts', 'hint'],
  step: ({ maxAttempts, hint }, { passkeys }) =>
    passkeyStep({ ...partyOf(passkeys, 'passkey'), maxAttempts, hint }),
};

export const passkeyEnrollmentDeployment: DeployedStep<PasskeyEnrollmentStepSpec> = {
  options: ['maxAttempts', 'hint'],
  step: ({ maxAttempts, hint }, { passkeys }) =>
    passkeyEnrollmentStep({ ...partyOf(passkeys, 'passkeyEnrollment'), maxAttempts, hint }),
};
