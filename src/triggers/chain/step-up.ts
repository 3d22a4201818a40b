import { STEP_UP_METADATA_KEY, STEP_UP_VALIDITY_MS, stepUpToken } from '../../shared/step-up.ts';

/**
 * Where step-ups are granted (the passkey stores are such stores): each grant is for one
 * account and one digest, taken once, until it expires. Writes resolve once durable.
 */
export interface StepUpStore {
  addGrant(owner: string, digest: string, expiresAt: number): Promise<void>;
  /** True once for a grant added and not expired at `now`: it is gone after. */
  takeGrant(owner: string, digest: string, now: number): Promise<boolean>;
}

/** The digest a step-up answer carries, when well formed. */
export function stepUpDigest(clientMetadata: Record<string, string> | undefined) {
  const digest = clientMetadata?.[STEP_UP_METADATA_KEY];
  return typeof digest === 'string' && stepUpToken.test(digest) ? digest : undefined;
}

/** Grants the step-up a finished sign-in asked for, to an account that exists. */
export async function grantStepUp(
  store: StepUpStore | undefined,
  owner: string,
  clientMetadata: Record<string, string> | undefined,
  now: number,
): Promise<void> {
  const digest = stepUpDigest(clientMetadata);
  if (store && digest && owner.startsWith('sub:')) {
    await store.addGrant(owner, digest, now + STEP_UP_VALIDITY_MS);
  }
}
