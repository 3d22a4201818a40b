import { passkeyChallengeHandler } from '../../challenges/passkey/server/challenge-handler.ts';
import { passkeyManagementHandler } from '../../challenges/passkey/server/management-handler.ts';
import type { PasskeyStore } from '../../challenges/passkey/server/passkey-store.ts';
import { localRelyingParty } from './local-relying-party.ts';

/** The pool's `passkeyChallengeHandler`, over the store its passkey steps use. */
export const localPasskeyChallengeHandler = (store: PasskeyStore) =>
  passkeyChallengeHandler(localRelyingParty(store));

/** The pool's `passkeyManagementHandler`, checking access tokens with this pool. */
export const localPasskeyManagementHandler = (
  store: PasskeyStore,
  pool: { endpoint: string; userPoolId: string },
) =>
  passkeyManagementHandler({
    ...localRelyingParty(store),
    rpName: 'Local user pool',
    userPoolId: pool.userPoolId,
    cognitoEndpoint: pool.endpoint,
  });
