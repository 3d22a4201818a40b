export type { CustomAuthFlow } from '../shared/flows.ts';
export type { AttemptCount, AttemptStore } from '../triggers/limits/attempt-store.ts';
export type { SignInLimits } from '../triggers/limits/sign-in-limits.ts';
export type { CustomAuthTriggerFlow } from '../triggers/presets/options.ts';
export {
  type ExplicitAuthFlow,
  type ExtraClientOptions,
  explicitAuthFlowNames,
} from './auth-flows.ts';
export { type ChainStepName, chainStepNames } from './built-in-triggers.ts';
export type { FaultPlan } from './faults.ts';
export type { ChallengeEntry, OutboxEntry } from './local-log.ts';
export {
  defaultClientId,
  defaultUserPoolId,
  type LocalPool,
  type LocalPoolOptions,
  type PoolFlow,
  startLocalPool,
} from './pool.ts';
export type { SessionLimits } from './sessions.ts';
export type { LambdaHandler, TriggerHandlers } from './trigger-runner.ts';
