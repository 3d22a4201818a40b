export type { ExplicitAuthFlow, ExtraClientOptions } from './auth-flows.ts';
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
export type { LambdaHandler, TriggerHandlers } from './trigger-runner.ts';
