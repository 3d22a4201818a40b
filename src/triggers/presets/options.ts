import { type CustomAuthFlow, customAuthFlows } from '../../shared/flows.ts';
import { defaultChainOptions, resolveChainOptions } from '../chain/chain-options.ts';
import {
  codeLengthRange,
  integerInRange,
  maxAttemptsRange,
  withoutUndefined,
} from '../common/option-values.ts';
import type { SendCode } from '../delivery/send-code.ts';
import { sendCodeWithSes } from '../delivery/ses.ts';
import {
  defaultSignInLimits,
  limitsStoreFromEnvironment,
  type ResolvedSignInLimits,
  type SignInLimits,
} from '../limits/sign-in-limits.ts';

/**
 * Which sequence of challenges the Define Auth Challenge trigger asks for.
 *
 * - `passwordless`: a one-time code only (Amplify's `CUSTOM_WITHOUT_SRP`).
 * - `passwordThenCode`: the password (SRP) first, then a one-time code (`CUSTOM_WITH_SRP`).
 * - `either`: what the client asks for; the password first when it opens with SRP_A.
 */
export type CustomAuthTriggerFlow = CustomAuthFlow | 'either';

/**
 * Options shared by the three trigger factories. Give all three the same values: Define
 * and Create must agree on `maxAttempts` for the rounds left to add up.
 */
export interface CustomAuthTriggerOptions {
  /** Default `'passwordless'`. */
  flow?: CustomAuthTriggerFlow;
  /** Digits in the one-time code, 4 to 12. Default 6. */
  codeLength?: number;
  /** Answers a user may give before the sign-in fails, 1 to 10. Default 3. */
  maxAttempts?: number;
  /** The `hint` public challenge parameter shown to the user. Default none. */
  hint?: string;
  /**
   * Delivers the code. Default {@link sendCodeWithSes}: email through Amazon SES, from the
   * address in the `CUSTOM_AUTH_SENDER_EMAIL` environment variable.
   */
  sendCode?: SendCode;
  /** Send codes to unverified addresses; see `codeStep`. Default false. */
  allowUnverified?: boolean;
  /**
   * Codes sent and wrong answers per username across sign-ins, and where they are counted.
   * Give Create and Verify the same store.
   */
  limits?: SignInLimits;
  /**
   * How long an unknown user's Create waits, in milliseconds, until a real send has been
   * timed; after that it waits as long as a real send took. Default 100.
   */
  decoySendDelayMs?: number;
  /**
   * The domains an unknown user's made-up address seems to be at (`a***@g***.com`). Default:
   * the large email providers. A pool whose users all share a company domain should give it,
   * so that a decoy looks like everyone else's address.
   */
  decoyEmailDomains?: readonly string[];
}

/** {@link CustomAuthTriggerOptions} with every default applied. */
export type ResolvedTriggerOptions = Required<Omit<CustomAuthTriggerOptions, 'limits' | 'hint'>> & {
  hint: string | undefined;
  limits: ResolvedSignInLimits;
};

export const triggerFlows: readonly CustomAuthTriggerFlow[] = [...customAuthFlows, 'either'];

export const defaultTriggerOptions: ResolvedTriggerOptions = {
  flow: 'passwordless',
  codeLength: 6,
  maxAttempts: 3,
  hint: undefined,
  sendCode: sendCodeWithSes,
  allowUnverified: false,
  ...defaultChainOptions,
  limits: { ...defaultSignInLimits, store: limitsStoreFromEnvironment },
};

export function isTriggerFlow(value: unknown): value is CustomAuthTriggerFlow {
  return triggerFlows.includes(value as CustomAuthTriggerFlow);
}

function validFlow(value: unknown): CustomAuthTriggerFlow {
  if (!isTriggerFlow(value)) {
    throw new RangeError(`flow must be one of ${triggerFlows.join(', ')}, got ${String(value)}.`);
  }
  return value;
}

/** Applies the defaults and checks every value, so a misconfiguration fails on deploy. */
export function resolveOptions(options: CustomAuthTriggerOptions = {}): ResolvedTriggerOptions {
  const { limits, decoySendDelayMs, decoyEmailDomains, ...rest } = options;
  const merged = { ...defaultTriggerOptions, ...withoutUndefined(rest) };
  if (merged.hint !== undefined && typeof merged.hint !== 'string') {
    throw new TypeError('hint must be a string.');
  }
  if (typeof merged.sendCode !== 'function') throw new TypeError('sendCode must be a function.');
  return {
    flow: validFlow(merged.flow),
    codeLength: integerInRange('codeLength', merged.codeLength, codeLengthRange),
    maxAttempts: integerInRange('maxAttempts', merged.maxAttempts, maxAttemptsRange),
    hint: merged.hint,
    sendCode: merged.sendCode,
    allowUnverified: merged.allowUnverified === true,
    ...resolveChainOptions({ limits, decoySendDelayMs, decoyEmailDomains }),
  };
}
