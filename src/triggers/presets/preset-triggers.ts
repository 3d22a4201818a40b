import { codeStep } from '../../challenges/code/step.ts';
import { createCustomAuthTriggers } from '../chain/custom-auth-triggers.ts';
import type { CustomAuthTriggers } from '../chain/handlers.ts';
import { passwordStep } from '../chain/password-step.ts';
import { type CustomAuthTriggerOptions, resolveOptions } from './options.ts';

/**
 * The kit's own flows as chains: a code (`passwordless`), the password then a code
 * (`passwordThenCode`), or the password when the client sends one, then a code (`either`).
 */
export function presetTriggers(options: CustomAuthTriggerOptions = {}): CustomAuthTriggers {
  const resolved = resolveOptions(options);
  const code = codeStep({
    codeLength: resolved.codeLength,
    maxAttempts: resolved.maxAttempts,
    hint: resolved.hint,
    sendCode: resolved.sendCode,
    allowUnverified: resolved.allowUnverified,
  });
  const steps =
    resolved.flow === 'passwordless'
      ? [code]
      : [passwordStep({ optional: resolved.flow === 'either' }), code];
  return createCustomAuthTriggers({
    steps,
    limits: options.limits,
    decoySendDelayMs: resolved.decoySendDelayMs,
    decoyEmailDomains: resolved.decoyEmailDomains,
  });
}
