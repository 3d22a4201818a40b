/** A key that signs links; `id` travels in each link, so keys can be rotated. */
export interface LinkKey {
  id: string;
  /** At least 32 characters of randomness (e.g. `openssl rand -base64 32`). */
  secret: string;
}

/** The environment variable a Lambda reads its keys from: `id:secret,id:secret`, newest first. */
export const LINK_KEYS_VARIABLE = 'CUSTOM_AUTH_LINK_KEYS';

const keyIdPattern = /^[\w-]{1,32}$/;

/** The keys as given, or a TypeError saying what is wrong with them. */
export function validKeys(keys: readonly LinkKey[]): readonly LinkKey[] {
  if (!Array.isArray(keys) || keys.length === 0) {
    throw new TypeError('Magic links need at least one signing key.');
  }
  for (const key of keys) {
    if (!keyIdPattern.test(key?.id ?? '')) {
      throw new TypeError('A link key id is 1 to 32 letters, digits, _ or -.');
    }
    if (typeof key.secret !== 'string' || key.secret.length < 32) {
      throw new TypeError(`The link key ${key.id} needs a secret of at least 32 characters.`);
    }
  }
  return keys;
}

/** Keys from `CUSTOM_AUTH_LINK_KEYS` (`id:secret,id:secret`, the first signs). */
export function linkKeysFromEnvironment(value = process.env[LINK_KEYS_VARIABLE]): LinkKey[] {
  return parseLinkKeys(value, `Set ${LINK_KEYS_VARIABLE} to id:secret[,id:secret].`);
}

/** `id:secret,id:secret` (the first signs), wherever it was kept; `missing` says where to put it. */
export function parseLinkKeys(value: string | undefined, missing: string): LinkKey[] {
  const keys = (value ?? '')
    .split(',')
    .filter((entry) => entry.trim() !== '')
    .map((entry) => {
      const separator = entry.indexOf(':');
      return { id: entry.slice(0, separator).trim(), secret: entry.slice(separator + 1).trim() };
    });
  if (keys.length === 0) throw new TypeError(missing);
  return [...validKeys(keys)];
}
