import type { ChainStep } from '../chain/chain-step.ts';

/**
 * A challenge type as a deployed chain names it, in JSON (the `CUSTOM_AUTH_STEPS` the shipped
 * handlers read, the CDK construct's `steps`): the options a spec may hold, and the step
 * made from them on Lambda, with keys and stores taken from the function's environment. A
 * type's entry lives beside its step, in its folder's `deployed-step.ts`.
 */
export interface DeployedStep<Spec extends { type: string }> {
  /** The options a spec may give besides `type`; any other is a mistake, and refused. */
  options: readonly Exclude<keyof Spec, 'type'>[];
  /** The step; made without reading the environment, so that a spec can be checked at synth. */
  step: (spec: Spec) => ChainStep;
}
