export type { HttpRequestEvent, HttpResponse } from '../challenges/passkey/server/http.ts';
export type { CustomAuthFlow } from '../shared/flows.ts';
export type { AttemptCount, AttemptStore } from '../triggers/limits/attempt-store.ts';
export type { SignInLimits } from '../triggers/limits/sign-in-limits.ts';
export type { CustomAuthTriggerFlow } from '../triggers/presets/options.ts';
export type { ExtraClientOptions } from './clients/app-clients.ts';
export { type ExplicitAuthFlow, explicitAuthFlowNames } from './clients/explicit-auth-flows.ts';
export { redirectCognitoJwks } from './local-aids/cognito-jwks-redirect.ts';
export type {
  CognitoJwksRedirectOptions,
  StopCognitoJwksRedirect,
} from './local-aids/cognito-jwks-urls.ts';
export type { FaultPlan } from './local-aids/faults.ts';
export type { ChallengeEntry, OutboxEntry } from './local-aids/local-log.ts';
export {
  type OutboxSenderInput,
  sendCodeToOutbox,
  sendLinkToOutbox,
} from './local-aids/outbox-senders.ts';
export { defaultClientId, defaultUserPoolId, type LocalPoolOptions } from './pool/options.ts';
export { type LocalPool, startLocalPool } from './pool/start.ts';
export type { PoolFlow } from './sign-in/built-in-triggers.ts';
export { type ChainStepName, chainStepNames } from './sign-in/chain-presets.ts';
export type { SessionLimits } from './sign-in/sessions.ts';
export type { LambdaHandler, TriggerHandlers } from './sign-in/trigger-runner.ts';
export { localPoolOptionsFromTemplate } from './template/options-from-template.ts';
