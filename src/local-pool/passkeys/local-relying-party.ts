import type { PasskeyStore } from '../../challenges/passkey/server/passkey-store.ts';
import type { RelyingPartyOptions } from '../../challenges/passkey/server/relying-party.ts';

/**
 * Passkeys for pages on this machine: RP ID `localhost` (WebAuthn refuses an IP address, so a
 * page on 127.0.0.1 cannot use them), from any port, over http. The passkey presets and the
 * pool's passkey handlers share it.
 */
export const localRelyingParty = (store: PasskeyStore): RelyingPartyOptions => ({
  rpId: 'localhost',
  origins: (origin: string) => URL.canParse(origin) && new URL(origin).hostname === 'localhost',
  store,
});
