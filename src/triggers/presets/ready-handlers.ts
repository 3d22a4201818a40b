import { LINK_KEYS_VARIABLE } from '../../challenges/magic-link/server/link-keys.ts';
import { LINK_KEYS_SECRET_VARIABLE } from '../../challenges/magic-link/server/secrets-manager.ts';
import {
  deployedPartyFromEnvironment,
  PASSKEYS_VARIABLE,
} from '../../challenges/passkey/server/deployed-party.ts';
import type {
  CreateAuthChallengeHandler,
  CustomAuthTriggers,
  DefineAuthChallengeHandler,
  VerifyAuthChallengeResponseHandler,
} from '../chain/handlers.ts';
import { perEnvironment } from '../common/per-environment.ts';
import { LIMITS_TABLE_VARIABLE } from '../limits/dynamodb-store.ts';
import { type CustomAuthTriggerFlow, isTriggerFlow, triggerFlows } from './options.ts';
import { presetTriggers } from './preset-triggers.ts';
import { STEPS_VARIABLE, triggersOfStepsVariable } from './step-specs.ts';

/** The environment variable the ready-made handlers read their flow from. */
export const FLOW_VARIABLE = 'CUSTOM_AUTH_FLOW';

/**
 * The flow named by `CUSTOM_AUTH_FLOW`, or the default when it is unset. A value that names
 * no flow is an error rather than a silent fallback: a typo must not turn a password-then-code
 * pool into a passwordless one.
 */
export function flowFromEnvironment(): CustomAuthTriggerFlow | undefined {
  const value = process.env[FLOW_VARIABLE]?.trim();
  if (!value) return undefined;
  if (!isTriggerFlow(value)) {
    throw new RangeError(
      `${FLOW_VARIABLE} must be one of ${triggerFlows.join(', ')}, got ${value}.`,
    );
  }
  return value;
}

/** Every variable the ready triggers are made from. */
export const readyTriggerVariables = [
  FLOW_VARIABLE,
  STEPS_VARIABLE,
  PASSKEYS_VARIABLE,
  LIMITS_TABLE_VARIABLE,
  LINK_KEYS_VARIABLE,
  LINK_KEYS_SECRET_VARIABLE,
] as const;

/**
 * The chain `CUSTOM_AUTH_STEPS` names, or else the preset for the flow `CUSTOM_AUTH_FLOW`
 * names, built once per value of every variable they are made from, so the three handlers
 * share their state.
 */
const readyTriggers = perEnvironment(readyTriggerVariables, (): CustomAuthTriggers => {
  const steps = process.env[STEPS_VARIABLE]?.trim();
  const flow = flowFromEnvironment();
  if (steps && flow) {
    throw new TypeError(
      `Set ${STEPS_VARIABLE} or ${FLOW_VARIABLE}, not both: a chain of steps names its flow itself.`,
    );
  }
  return steps
    ? triggersOfStepsVariable(steps, { passkeys: deployedPartyFromEnvironment() })
    : presetTriggers({ flow });
});

/**
 * Define Auth Challenge with the defaults, the chain taken from `CUSTOM_AUTH_STEPS` (JSON) or
 * the flow from `CUSTOM_AUTH_FLOW` (`passwordless` when neither is set). Point the Lambda's
 * handler at this export.
 */
export const defineAuthChallenge: DefineAuthChallengeHandler = async (event) =>
  readyTriggers().defineAuthChallenge(event);

/**
 * Create Auth Challenge with the defaults: a 6-digit code emailed through Amazon SES, at the
 * step of the chain `CUSTOM_AUTH_STEPS` or `CUSTOM_AUTH_FLOW` names. Set the same value on all
 * three functions.
 */
export const createAuthChallenge: CreateAuthChallengeHandler = async (event) =>
  readyTriggers().createAuthChallenge(event);

/** Verify Auth Challenge Response with the defaults, for the chain or flow the environment names. */
export const verifyAuthChallengeResponse: VerifyAuthChallengeResponseHandler = async (event) =>
  readyTriggers().verifyAuthChallengeResponse(event);
