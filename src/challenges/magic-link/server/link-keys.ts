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
    if (typeof key?.id !== 'string' || !keyIdPattern.test(key.id)) {
      throw new TypeError('A link key id is 1 to 32 letters, digits, _ or -.');
    }
    // Spaces count for nothing: a secret of them is no secret.
    if (typeof key.secret !== 'string' || key.secret.length < 32 || /\s/.test(key.secret)) {
      throw new TypeError(
        `The link key ${key.id} needs a secret of at least 32 characters, none of them spaces.`,
      );
    }
  }
  return keys;
}

/** Keys from `CUSTOM_AUTH_LINK_KEYS` (`id:secret,id:secret`, the first signs). */
export function linkKeysFromEnvironment(value = process.env[LINK_KEYS_VARIABLE]): LinkKey[] {
  return parseLinkKeys(value, `Set ${LINK_KEYS_VARIABLE} to id:secret[,id:secret].`);
}

/**
 * The keys as a secret holds them: `id:secret,id:secret`, or JSON, one key
 * (`{"id":"k1","secret":"..."}`, what the CDK construct generates) or a list of them; the
 * first signs. `missing` says where to put them.
 */
export function parseLinkKeys(value: string | undefined, missing: string): LinkKey[] {
  const text = (value ?? '').trim();
  const keys = /^[[{]/.test(text) ? jsonKeys(text) : listedKeys(text);
  if (keys.length === 0) throw new TypeError(missing);
  return [...validKeys(keys)];
}

function listedKeys(text: string): LinkKey[] {
  return text
    .split(',')
    .filter((entry) => entry.trim() !== '')
    .map((entry) => {
      const separator = entry.indexOf(':');
      return { id: entry.slice(0, separator).trim(), secret: entry.slice(separator + 1).trim() };
    });
}

function jsonKeys(text: string): LinkKey[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new TypeError(
      'Link keys in JSON must be {"id":"...","secret":"..."} or a list of them; this is not JSON.',
    );
  }
  // Checked key by key in validKeys; here only the shape around them.
  return [parsed].flat() as LinkKey[];
}
