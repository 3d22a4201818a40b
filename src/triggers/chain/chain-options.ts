import { integerInRange, withoutUndefined } from '../common/option-values.ts';
import { defaultDecoyEmailDomains } from '../delivery/decoy-destinations.ts';
import {
  type ResolvedSignInLimits,
  resolveSignInLimits,
  type SignInLimits,
} from '../limits/sign-in-limits.ts';
import type { ChainStep } from './chain-step.ts';
import type { StepUpStore } from './step-up.ts';

/** Options of {@link createCustomAuthTriggers}. */
export interface CustomAuthTriggersOptions {
  /**
   * The chain, in order: `passwordStep()` may come first (Amplify's `CUSTOM_WITH_SRP`), then
   * custom steps such as `codeStep()` and `questionStep(...)`. Each step has its own attempts;
   * the user passes every step, or the sign-in fails.
   */
  steps: readonly ChainStep[];
  /**
   * Limits per username across sign-ins, for every step: see "Limits across sign-ins" in
   * docs/triggers.md.
   */
  limits?: SignInLimits;
  /** As for the single-code factories. */
  decoySendDelayMs?: number;
  decoyEmailDomains?: readonly string[];
  /**
   * Where a sign-in that passed the whole chain grants the step-up its last answer asks for
   * (ClientMetadata `stepUp`), for account changes that need one: the passkey store, for
   * `passkeyManagementHandler`. A chain that proves no factor (a CAPTCHA alone) grants none,
   * and without a store no step-up is ever granted.
   */
  stepUp?: StepUpStore;
}

/** What every chain takes besides its steps, with every default applied. */
export interface ResolvedChainOptions {
  limits: ResolvedSignInLimits;
  decoySendDelayMs: number;
  decoyEmailDomains: readonly string[];
}

export const defaultChainOptions = {
  decoySendDelayMs: 100,
  decoyEmailDomains: defaultDecoyEmailDomains,
};

const decoySendDelayMsRange = { min: 0, max: 10_000 } as const;

/** Applies the defaults and checks every value, so a misconfiguration fails on deploy. */
export function resolveChainOptions(
  options: Omit<CustomAuthTriggersOptions, 'steps'> = {},
): ResolvedChainOptions {
  const { limits, ...rest } = options;
  const merged = { ...defaultChainOptions, ...withoutUndefined(rest) };
  return {
    decoySendDelayMs: integerInRange(
      'decoySendDelayMs',
      merged.decoySendDelayMs,
      decoySendDelayMsRange,
    ),
    decoyEmailDomains: validDomains(merged.decoyEmailDomains),
    limits: resolveSignInLimits(limits),
  };
}

function validDomains(domains: readonly string[]): readonly string[] {
  const valid =
    Array.isArray(domains) &&
    domains.length > 0 &&
    domains.every((domain) => typeof domain === 'string' && /^[^@\s]+\.[^@\s.]+$/.test(domain));
  if (!valid) {
    throw new TypeError('decoyEmailDomains must be a non-empty list of domains like example.com.');
  }
  return domains;
}
