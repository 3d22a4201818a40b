export type { CodeStepSpec } from '../challenges/code/deployed-step.ts';
export type { CodeStepChannel } from '../challenges/code/step.ts';
export type { MagicLinkStepSpec } from '../challenges/magic-link/deployed-step.ts';
export type {
  PasskeyEnrollmentStepSpec,
  PasskeyStepSpec,
} from '../challenges/passkey/deployed-step.ts';
export type { PasskeySettings } from '../challenges/passkey/server/deployed-party.ts';
export type { CustomAuthFlow } from '../shared/flows.ts';
export type { CustomAuthTriggerFlow } from '../triggers/presets/options.ts';
export type { CustomAuthStepSpec, PasswordStepSpec } from '../triggers/presets/step-specs.ts';
export {
  CustomAuthBackend,
  type CustomAuthBackendProps,
  type CustomAuthTriggerId,
} from './custom-auth-backend.ts';
export type { PasskeyFunctions } from './passkey-functions.ts';
