import { LIMITS_TABLE_VARIABLE } from '../../../triggers/limits/dynamodb-store.ts';
import { createDynamoDbPasskeyStore } from './dynamodb-passkey-store.ts';
import { createMemoryPasskeyStore, type PasskeyStore } from './passkey-store.ts';
import type { DeployedRelyingParty } from './relying-party.ts';

/** The environment variable deployed functions read their passkey settings from, as JSON. */
export const PASSKEYS_VARIABLE = 'CUSTOM_AUTH_PASSKEYS';

/**
 * Who the passkeys are for and where they are used: what the deployed passkey steps and the
 * passkey functions share (the CDK construct's `passkeys`).
 */
export interface PasskeySettings {
  /** The domain the passkeys belong to (`example.com`); `localhost` locally. */
  rpId: string;
  /** The origins of the pages that use passkeys (`https://app.example.com`), under the RP ID. */
  origins: readonly string[];
  /** The name the browser shows in its prompt when a passkey is made. Default: the RP ID. */
  rpName?: string;
  /** Default `required`: the authenticator verifies the user (biometrics, a PIN). */
  userVerification?: 'required' | 'preferred';
  /** How long the browser's prompt waits, in ms, 10 000 to 600 000. Default 120 000. */
  timeoutMs?: number;
}

const settingNames = ['rpId', 'origins', 'rpName', 'userVerification', 'timeoutMs'];

/**
 * The settings' shape, checked: the values themselves are checked where the relying party is
 * made, with the same messages as in code.
 */
function validPasskeySettings(settings: unknown): PasskeySettings {
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
    throw new TypeError('passkeys must be an object such as {"rpId","origins"}.');
  }
  const unknown = Object.keys(settings).filter((name) => !settingNames.includes(name));
  if (unknown.length > 0) {
    throw new TypeError(
      `passkeys has no setting ${unknown.join(', ')}; it takes ${settingNames.join(', ')}.`,
    );
  }
  const { origins, rpName } = settings as Partial<PasskeySettings>;
  if (!Array.isArray(origins)) {
    throw new TypeError('passkeys.origins must list the origins of the pages that use passkeys.');
  }
  if (rpName !== undefined && (typeof rpName !== 'string' || rpName.trim() === '')) {
    throw new TypeError('passkeys.rpName must be a name to show, such as the app’s.');
  }
  return settings as PasskeySettings;
}

/** The settings `CUSTOM_AUTH_PASSKEYS` holds, or undefined when it is unset. */
function passkeySettingsFromEnvironment(): PasskeySettings | undefined {
  const value = process.env[PASSKEYS_VARIABLE]?.trim();
  if (!value) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new TypeError(`${PASSKEYS_VARIABLE} must be JSON such as {"rpId","origins"}.`);
  }
  return validPasskeySettings(parsed);
}

let processStore: PasskeyStore | undefined;

/**
 * Where deployed functions keep passkeys: the limits table when `CUSTOM_AUTH_LIMITS_TABLE`
 * names one; this process's memory elsewhere (the local pool, tests). On AWS Lambda without
 * the table it refuses: each function would keep passkeys of its own, and lose them.
 */
function passkeyStoreFromEnvironment(): PasskeyStore {
  const tableName = process.env[LIMITS_TABLE_VARIABLE]?.trim();
  if (tableName) return createDynamoDbPasskeyStore({ tableName });
  if (process.env.AWS_LAMBDA_FUNCTION_NAME) {
    throw new Error(`Passkeys need a DynamoDB table: set ${LIMITS_TABLE_VARIABLE}.`);
  }
  processStore ??= createMemoryPasskeyStore();
  return processStore;
}

/** The relying party of the settings, with the store its passkeys live in. */
const deployedParty = (settings: PasskeySettings, store: PasskeyStore): DeployedRelyingParty => ({
  ...settings,
  origins: [...settings.origins],
  store,
});

/**
 * The relying party of settings read from a template or props rather than the environment, to
 * check them: its store is memory, which no sign-in uses.
 */
export const checkedParty = (settings: unknown): DeployedRelyingParty =>
  deployedParty(validPasskeySettings(settings), createMemoryPasskeyStore());

/** The relying party the environment names, with its store, or undefined without passkeys. */
export function deployedPartyFromEnvironment(): DeployedRelyingParty | undefined {
  const settings = passkeySettingsFromEnvironment();
  return settings && deployedParty(settings, passkeyStoreFromEnvironment());
}
