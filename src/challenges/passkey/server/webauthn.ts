import { lazily } from '../../../triggers/common/lazily.ts';

const WEBAUTHN_PACKAGE = '@simplewebauthn/server';

/**
 * The WebAuthn checks (`@simplewebauthn/server`): an optional peer, loaded by the passkey steps
 * alone, so that triggers without passkeys neither need nor load it.
 */
export const webauthn = lazily(async () => {
  try {
    return await import('@simplewebauthn/server');
  } catch (cause) {
    throw new Error(
      `Passkeys need the optional package ${WEBAUTHN_PACKAGE}. Install it ` +
        `(npm install ${WEBAUTHN_PACKAGE}) where the triggers are built.`,
      { cause },
    );
  }
});
