/**
 * A step-up sign-in proves the user's factors again before an account change (adding or
 * removing a passkey). The client keeps a random secret and sends its SHA-256 (base64url) as
 * ClientMetadata with each answer; the Define trigger, once the whole chain is passed, grants
 * that digest for a few minutes, once; the change then takes the secret. So a stolen access
 * token alone can make no change, nor can a digest read from a log, nor one factor of several.
 */
export const STEP_UP_METADATA_KEY = 'stepUp';

/** How long a step-up is good for, once the factor is proven. */
export const STEP_UP_VALIDITY_MS = 5 * 60_000;

/** A SHA-256 or a 32-byte secret, base64url. */
export const stepUpToken = /^[\w-]{43}$/;
