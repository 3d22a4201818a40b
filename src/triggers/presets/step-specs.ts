import { type CodeStepSpec, codeDeployment } from '../../challenges/code/deployed-step.ts';
import {
  type MagicLinkStepSpec,
  magicLinkDeployment,
} from '../../challenges/magic-link/deployed-step.ts';
import {
  type PasskeyEnrollmentStepSpec,
  type PasskeyStepSpec,
  passkeyDeployment,
  passkeyEnrollmentDeployment,
} from '../../challenges/passkey/deployed-step.ts';
import type { ChainStep } from '../chain/chain-step.ts';
import { createCustomAuthTriggers } from '../chain/custom-auth-triggers.ts';
import type { CustomAuthTriggers } from '../chain/handlers.ts';
import { passwordStep } from '../chain/password-step.ts';
import type { DeployedContext, DeployedStep } from './deployed-step.ts';

/** The environment variable the shipped handlers read a chain from, as JSON. */
export const STEPS_VARIABLE = 'CUSTOM_AUTH_STEPS';

/** The password, checked by Cognito (SRP) before any custom step; it can only come first. */
export interface PasswordStepSpec {
  type: 'password';
  /** Skipped when the client does not open with SRP (the `either` flow). Default false. */
  optional?: boolean;
}

/** One step of a deployed chain, in JSON. */
export type CustomAuthStepSpec =
  | PasswordStepSpec
  | CodeStepSpec
  | MagicLinkStepSpec
  | PasskeyStepSpec
  | PasskeyEnrollmentStepSpec;

const passwordDeployment: DeployedStep<PasswordStepSpec> = {
  options: ['optional'],
  step: ({ optional }) => passwordStep({ optional }),
};

const deployments: { [Type in CustomAuthStepSpec['type']]: DeployedStep<CustomAuthStepSpec> } = {
  password: passwordDeployment as DeployedStep<CustomAuthStepSpec>,
  code: codeDeployment as DeployedStep<CustomAuthStepSpec>,
  magicLink: magicLinkDeployment as DeployedStep<CustomAuthStepSpec>,
  passkey: passkeyDeployment as DeployedStep<CustomAuthStepSpec>,
  passkeyEnrollment: passkeyEnrollmentDeployment as DeployedStep<CustomAuthStepSpec>,
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** One spec's step, or a TypeError naming the spec and what is wrong with it. */
function stepOfSpec(spec: unknown, index: number, context: DeployedContext): ChainStep {
  const where = `steps[${index}]`;
  const type = isRecord(spec) ? spec.type : undefined;
  const deployment =
    typeof type === 'string' && Object.hasOwn(deployments, type)
      ? deployments[type as CustomAuthStepSpec['type']]
      : undefined;
  if (!isRecord(spec) || !deployment) {
    throw new TypeError(
      `${where} must be an object whose type is one of ${Object.keys(deployments).join(', ')}; got ${JSON.stringify(spec)}.`,
    );
  }
  const unknown = Object.keys(spec).filter(
    (key) => key !== 'type' && !(deployment.options as readonly string[]).includes(key),
  );
  if (unknown.length > 0) {
    throw new TypeError(
      `${where} (${type}) has no option ${unknown.join(', ')}; it takes ${deployment.options.join(', ') || 'none'}.`,
    );
  }
  try {
    // Every type shows its hint as text: anything else would fail only in Cognito's hands.
    if (spec.hint !== undefined && typeof spec.hint !== 'string') {
      throw new TypeError(`hint must be a string, got ${JSON.stringify(spec.hint)}.`);
    }
    return deployment.step(spec as unknown as CustomAuthStepSpec, context);
  } catch (error) {
    throw new TypeError(`${where} (${type}): ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Define, Create and Verify for a chain given as JSON specs, each checked: an unknown type or
 * option, or a chain the steps cannot make, is an error naming it, never a silent default.
 * With passkeys, a sign-in through the chain grants the step-up that managing them needs.
 */
export function triggersOfSpecs(specs: unknown, context: DeployedContext = {}): CustomAuthTriggers {
  if (!Array.isArray(specs) || specs.length === 0) {
    throw new TypeError('steps must list at least one step, such as [{ "type": "code" }].');
  }
  return createCustomAuthTriggers({
    steps: specs.map((spec, index) => stepOfSpec(spec, index, context)),
    stepUp: context.passkeys?.store,
  });
}

/** The chain `CUSTOM_AUTH_STEPS` holds, as JSON. */
export function triggersOfStepsVariable(
  value: string,
  context: DeployedContext = {},
): CustomAuthTriggers {
  let specs: unknown;
  try {
    specs = JSON.parse(value);
  } catch {
    throw new TypeError(
      `${STEPS_VARIABLE} must be a JSON list of steps, such as [{"type":"code"}]; got ${value}.`,
    );
  }
  return triggersOfSpecs(specs, context);
}
