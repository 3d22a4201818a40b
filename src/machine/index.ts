export { type SignInLinkOptions, signInLinks } from '../challenges/magic-link/client.ts';
export {
  type PasskeyAutofill,
  type PasskeyAutofillOptions,
  passkeyAutofill,
} from '../challenges/passkey/autofill-client.ts';
export {
  createPasskeyAnswer,
  getPasskeyAnswer,
  passkeysSupported,
  readPasskeyOptions,
} from '../challenges/passkey/client.ts';
export {
  type CognitoClient,
  newStepUp,
  type PasskeyManagement,
  type PasskeyManagementClientOptions,
  PasskeyManagementError,
  passkeyManagement,
  type StepUp,
  signedInClient,
  stepUpServices,
} from '../challenges/passkey/management-client.ts';
export type {
  PasskeyCreationOptionsJSON,
  PasskeyDescriptorJSON,
  PasskeyRequestOptionsJSON,
  PasskeyView,
} from '../challenges/passkey/protocol.ts';
export { amplifyServices } from './amplify.ts';
export { amplifySignUp } from './amplify-sign-up.ts';
export type { CustomAuthContext, CustomAuthEvent } from './context.ts';
export { defaultTiming } from './context.ts';
export type { CustomAuthError, CustomAuthErrorCode, KnownErrorName } from './errors.ts';
export { type CustomAuthMachine, customAuthMachine, withServices } from './machine.ts';
export type { PendingChallenge } from './pending-challenge.ts';
export { mayResumeWithCookies } from './resume.ts';
export type { ClientAnswerRequest, CustomAuthServices } from './services.ts';
export type { StepType } from './transitions.ts';
export type {
  AuthUserInfo,
  CaptchaChallengeInfo,
  ChallengeBase,
  ChallengeInfo,
  ChallengeOption,
  ChoiceChallengeInfo,
  CodeChallengeInfo,
  CodeDelivery,
  ConfirmSignUpRequest,
  ConfirmSignUpStep,
  CustomAuthFlow,
  CustomAuthInput,
  CustomAuthRoute,
  CustomAuthTiming,
  CustomChallengeInfo,
  LinkConfirmationInfo,
  SignInRequest,
  SignInStep,
  SignUpRequest,
  SignUpStep,
  TextChallengeInfo,
} from './types.ts';
export { inputLimits } from './validation.ts';
export { type CustomAuthSnapshot, type CustomAuthView, viewOf } from './view.ts';
