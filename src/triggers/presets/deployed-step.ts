import type { DeployedRelyingParty } from '../../challenges/passkey/server/relying-party.ts';
import type { ChainStep } from '../chain/chain-step.ts';

/**
 * What a deployed chain's steps share, made from the functions' environment (or, at synth,
 * from the construct's props): the passkeys' relying party and store, when there are passkeys.
 */
export interface DeployedContext {
  passkeys?: DeployedRelyingParty;
}

/**
 * A challenge type as a deployed chain names it, in JSON (the `CUSTOM_AUTH_STEPS` the shipped
 * handlers read, the CDK construct's `steps`): the options a spec may hold, and the step
 * made from them on Lambda. A type's entry lives beside its step, in its folder's
 * `deployed-step.ts`.
 */
export interface DeployedStep<Spec extends { type: string }> {
  /** The options a spec may give besides `type`; any other is a mistake, and refused. */
  options: readonly Exclude<keyof Spec, 'type'>[];
  /** The step, from the spec and the context; it reads no other environment when made. */
  step: (spec: Spec, context: DeployedContext) => ChainStep;
}
