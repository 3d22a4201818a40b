export {
  type CaptchaProvider,
  type CaptchaStepOptions,
  captchaStep,
  LOCAL_CAPTCHA_TOKEN,
  siteverifyUrls,
} from '../challenges/captcha/step.ts';
export { CHOICE_METADATA_KEY } from '../challenges/choice/protocol.ts';
export {
  type ChoiceOption,
  type ChoiceStepOptions,
  choiceStep,
} from '../challenges/choice/step.ts';
export type { DeliveryChoiceOptions } from '../challenges/code/delivery-choice-step.ts';
export type { CodeStepSpec } from '../challenges/code/deployed-step.ts';
export { type CodeStepChannel, type CodeStepOptions, codeStep } from '../challenges/code/step.ts';
export type { MagicLinkStepSpec } from '../challenges/magic-link/deployed-step.ts';
export {
  LINK_KEYS_VARIABLE,
  type LinkKey,
  linkKeysFromEnvironment,
} from '../challenges/magic-link/server/link-keys.ts';
export {
  LINK_KEYS_SECRET_VARIABLE,
  linkKeysFromSecretsManager,
  type SecretKeysOptions,
} from '../challenges/magic-link/server/secrets-manager.ts';
export {
  type LinkHolder,
  type LinkRedemption,
  type LinkRefusal,
  type MagicLinkTokenOptions,
  type MagicLinkTokens,
  magicLinkTokens,
} from '../challenges/magic-link/server/tokens.ts';
export {
  LINK_REQUEST_PREFIX,
  type MagicLinkStepOptions,
  magicLinkStep,
  REDIRECT_METADATA_KEY,
  type SendLink,
  type SendLinkInput,
} from '../challenges/magic-link/step.ts';
export type {
  PasskeyEnrollmentStepSpec,
  PasskeyStepSpec,
} from '../challenges/passkey/deployed-step.ts';
export {
  type PasskeyEnrollmentStepOptions,
  passkeyEnrollmentStep,
} from '../challenges/passkey/enrollment-step.ts';
export type {
  PasskeyChallengeResponse,
  PasskeyCreationOptionsJSON,
  PasskeyDescriptorJSON,
  PasskeyManagementRequest,
  PasskeyRequestOptionsJSON,
  PasskeyView,
} from '../challenges/passkey/protocol.ts';
export { passkeyChallengeHandler } from '../challenges/passkey/server/challenge-handler.ts';
export {
  createDynamoDbPasskeyStore,
  type DynamoDbPasskeyStoreOptions,
} from '../challenges/passkey/server/dynamodb-passkey-store.ts';
export type { HttpRequestEvent, HttpResponse } from '../challenges/passkey/server/http.ts';
export {
  type PasskeyManagementOptions,
  passkeyManagementHandler,
} from '../challenges/passkey/server/management-handler.ts';
export {
  createMemoryPasskeyStore,
  type MemoryPasskeyStoreOptions,
  type PasskeyStore,
  type PasskeyUse,
  type StoredPasskey,
} from '../challenges/passkey/server/passkey-store.ts';
export type { RelyingPartyOptions } from '../challenges/passkey/server/relying-party.ts';
export { type PasskeyStepOptions, passkeyStep } from '../challenges/passkey/step.ts';
export { type QuestionStepOptions, questionStep } from '../challenges/text/step.ts';
export type { CustomAuthFlow } from '../shared/flows.ts';
export { anyOf } from './chain/any-of.ts';
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
export { passwordStep } from './chain/password-step.ts';
export type { SessionEntry } from './chain/session.ts';
export type { StepUpStore } from './chain/step-up.ts';
export type { Channel } from './delivery/channels.ts';
export { maskDestination, maskEmail, maskPhoneNumber } from './delivery/mask.ts';
export type { SendCode, SendCodeInput } from './delivery/send-code.ts';
export { SENDER_EMAIL_VARIABLE, sendCodeWithSes, sendLinkWithSes } from './delivery/ses.ts';
export { codeSms, sendCodeWithSns } from './delivery/sns.ts';
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
export type {
  CustomChallengeParameters,
  CustomChallengePrivateParameters,
} from './presets/challenge-parameters.ts';
export {
  createCreateAuthChallenge,
  createDefineAuthChallenge,
  createVerifyAuthChallengeResponse,
} from './presets/handler-factories.ts';
export type { CustomAuthTriggerFlow, CustomAuthTriggerOptions } from './presets/options.ts';
export {
  createAuthChallenge,
  defineAuthChallenge,
  FLOW_VARIABLE,
  flowFromEnvironment,
  verifyAuthChallengeResponse,
} from './presets/ready-handlers.ts';
export {
  type CustomAuthStepSpec,
  type PasswordStepSpec,
  STEPS_VARIABLE,
} from './presets/step-specs.ts';
