import type { DeployedStep } from '../../triggers/presets/deployed-step.ts';
import type { LinkKey } from './server/link-keys.ts';
import { defaultLinkKeys, magicLinkStep } from './step.ts';

/** A sign-in link by email, in a deployed chain; its keys come from the function's environment. */
export interface MagicLinkStepSpec {
  type: 'magicLink';
  /** The pages a link may open: exact URLs, or prefixes ending in `/` (see `magicLinkStep`). */
  redirectUris: readonly string[];
  /** How long a link works, in seconds. Default 900. */
  ttlSeconds?: number;
  /** Digits of the code in the same email. Default 6. */
  codeLength?: number;
  /** Default 4. */
  maxAttempts?: number;
  /** What the screen waiting for the link says. */
  hint?: string;
}

/** The keys of `defaultLinkKeys`, looked up on first use rather than when the step is made. */
function keysOnFirstUse(): () => Promise<readonly LinkKey[]> {
  let keys: readonly LinkKey[] | (() => Promise<readonly LinkKey[]>) | undefined;
  return async () => {
    keys ??= defaultLinkKeys();
    return typeof keys === 'function' ? keys() : keys;
  };
}

export const magicLinkDeployment: DeployedStep<MagicLinkStepSpec> = {
  options: ['redirectUris', 'ttlSeconds', 'codeLength', 'maxAttempts', 'hint'],
  step: ({ redirectUris, ttlSeconds, codeLength, maxAttempts, hint }) =>
    magicLinkStep({
      redirectUris,
      ttlSeconds,
      codeLength,
      maxAttempts,
      hint,
      keys: keysOnFirstUse(),
    }),
};
