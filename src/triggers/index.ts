import type {
  CreateAuthChallengeHandler,
  CustomAuthTriggers,
  DefineAuthChallengeHandler,
  VerifyAuthChallengeResponseHandler,
} from './chain/handlers.ts';
import { type CustomAuthTriggerFlow, isTriggerFlow, triggerFlows } from './options.ts';
import { presetTriggers } from './presets.ts';

export type { CustomAuthFlow } from '../shared/flows.ts';
export type { CustomAuthTriggersOptions } from './chain/chain-options.ts';
export {
  type ChainStep,
  ChallengeRefusedError,
  type CustomChallengeStep,
  type PasswordStep,
  type StepChallenge,
  type StepCreateInput,
  type StepVerdict,
  type StepVerifyInput,
} from './chain/chain-step.ts';
export { createCustomAuthTriggers } from './chain/custom-auth-triggers.ts';
export type {
  CreateAuthChallengeHandler,
  CustomAuthTriggers,
  DefineAuthChallengeHandler,
  VerifyAuthChallengeResponseHandler,
} from './chain/handlers.ts';
export type { SessionEntry } from './chain/session.ts';
export {
  type CustomChallengeParameters,
  type CustomChallengePrivateParameters,
  createCreateAuthChallenge,
} from './create.ts';
export { createDefineAuthChallenge } from './define.ts';
export { CHOICE_METADATA_KEY, type Channel } from './delivery/channels.ts';
export { maskDestination, maskEmail, maskPhoneNumber } from './delivery/mask.ts';
export type { SendCode, SendCodeInput } from './delivery/send-code.ts';
export { SENDER_EMAIL_VARIABLE, sendCodeWithSes, sendLinkWithSes } from './delivery/ses.ts';
export { sendCodeWithSns } from './delivery/sns.ts';
export {
  type AttemptCount,
  type AttemptStore,
  createMemoryAttemptStore,
} from './limits/attempt-store.ts';
export {
  createDynamoDbAttemptStore,
  type DynamoDbAttemptStoreOptions,
  type DynamoDbClient,
  LIMITS_TABLE_VARIABLE,
} from './limits/dynamodb-store.ts';
export { type RecordOwnerEvent, recordOwner, type UsernameRules } from './limits/owner.ts';
export {
  defaultSignInLimits,
  limitsStoreFromEnvironment,
  type SignInLimits,
} from './limits/sign-in-limits.ts';
export { SignInLockedError } from './limits/throttle.ts';
export {
  LINK_KEYS_VARIABLE,
  type LinkKey,
  linkKeysFromEnvironment,
} from './magic-link/link-keys.ts';
export {
  LINK_KEYS_SECRET_VARIABLE,
  linkKeysFromSecretsManager,
  type SecretKeysOptions,
} from './magic-link/secrets-manager.ts';
export {
  type LinkHolder,
  type LinkRedemption,
  type LinkRefusal,
  type MagicLinkTokenOptions,
  type MagicLinkTokens,
  magicLinkTokens,
} from './magic-link/tokens.ts';
export type { CustomAuthTriggerFlow, CustomAuthTriggerOptions } from './options.ts';
export {
  type CaptchaProvider,
  type CaptchaStepOptions,
  captchaStep,
  LOCAL_CAPTCHA_TOKEN,
  siteverifyUrls,
} from './steps/captcha-step.ts';
export { type ChoiceOption, type ChoiceStepOptions, choiceStep } from './steps/choice-step.ts';
export { type CodeStepChannel, type CodeStepOptions, codeStep } from './steps/code-step.ts';
export type { DeliveryChoiceOptions } from './steps/delivery-choice-step.ts';
export {
  LINK_REQUEST_PREFIX,
  type MagicLinkStepOptions,
  magicLinkStep,
  REDIRECT_METADATA_KEY,
  type SendLink,
  type SendLinkInput,
} from './steps/magic-link-step.ts';
export { passwordStep } from './steps/password-step.ts';
export { type QuestionStepOptions, questionStep } from './steps/question-step.ts';
export { createVerifyAuthChallengeResponse } from './verify.ts';

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

/** The ready handlers' preset, for the value of `CUSTOM_AUTH_FLOW` it was built for. */
let ready: { flow: CustomAuthTriggerFlow | undefined; triggers: CustomAuthTriggers } | undefined;

/**
 * The preset for the flow `CUSTOM_AUTH_FLOW` names. The variable is read at each call, not at
 * module load, so a bad value fails the invocation with its message rather than the Lambda's
 * start, and is never kept; the preset is built once per value (a Lambda's environment does
 * not change, so once per container), so the three handlers share its state.
 */
function readyTriggers(): CustomAuthTriggers {
  const flow = flowFromEnvironment();
  if (ready === undefined || ready.flow !== flow) {
    ready = { flow, triggers: presetTriggers({ flow }) };
  }
  return ready.triggers;
}

/**
 * Define Auth Challenge with the defaults, the flow taken from `CUSTOM_AUTH_FLOW`
 * (`passwordless` when unset). Point the Lambda's handler at this export.
 */
export const defineAuthChallenge: DefineAuthChallengeHandler = async (event) =>
  readyTriggers().defineAuthChallenge(event);

/**
 * Create Auth Challenge with the defaults: a 6-digit code emailed through Amazon SES, at the
 * step of the chain `CUSTOM_AUTH_FLOW` names. Set the same value on all three functions.
 */
export const createAuthChallenge: CreateAuthChallengeHandler = async (event) =>
  readyTriggers().createAuthChallenge(event);

/** Verify Auth Challenge Response with the defaults, for the flow `CUSTOM_AUTH_FLOW` names. */
export const verifyAuthChallengeResponse: VerifyAuthChallengeResponseHandler = async (event) =>
  readyTriggers().verifyAuthChallengeResponse(event);
