import type { PasswordStep } from './chain-step.ts';

/**
 * The password first: Amplify's `CUSTOM_WITH_SRP` signs in with it, then the chain goes on.
 * `optional: true` follows the client: a sign-in without a password skips it (one pool
 * serving both of the kit's flows).
 */
export function passwordStep(options: { optional?: boolean } = {}): PasswordStep {
  return { kind: 'password', maxAttempts: 1, optional: options.optional === true };
}
