import type { PasskeyStore } from './passkey-store.ts';

/** Who the passkeys are for, and where they may be used: what both passkey steps take. */
export interface RelyingPartyOptions {
  /**
   * The RP ID: the domain the passkeys belong to (`example.com`), the page's host or a parent
   * of it; never an IP address, which WebAuthn refuses. `localhost` for local development.
   */
  rpId: string;
  /**
   * The pages' origins a passkey may be used from (`https://app.example.com`), each under the
   * RP ID; an answer from any other origin is refused. `http:` only for `localhost`. Or a
   * function that decides, for origins a list cannot name (any port of `localhost`).
   */
  origins: readonly string[] | ((origin: string) => boolean);
  /** Where the passkeys live. */
  store: PasskeyStore;
  /**
   * `required` (default): the authenticator must verify the user (biometrics, a PIN), so the
   * passkey alone is a second factor in itself. `preferred` takes presence alone.
   */
  userVerification?: 'required' | 'preferred';
  /** How long the browser's prompt waits, in ms. Default 120 000. */
  timeoutMs?: number;
}

/** The relying party a deployed chain's passkey steps and functions use: settings and store. */
export type DeployedRelyingParty = RelyingPartyOptions & { rpName?: string };

export interface RelyingParty {
  rpId: string;
  origins: string[] | ((origin: string) => boolean);
  store: PasskeyStore;
  userVerification: 'required' | 'preferred';
  timeoutMs: number;
}

const domainName =
  /^(?=.{1,253}$)(?!\d+(\.\d+){3}$)[a-z\d]([a-z\d-]{0,61}[a-z\d])?(\.[a-z\d]([a-z\d-]{0,61}[a-z\d])?)*$/;

/** Under the RP ID: the same host, or a subdomain of it. */
const underRpId = (host: string, rpId: string) => host === rpId || host.endsWith(`.${rpId}`);

function validOrigin(origin: unknown, rpId: string): string {
  const url = typeof origin === 'string' && URL.canParse(origin) ? new URL(origin) : null;
  const secure =
    url?.protocol === 'https:' || (url?.protocol === 'http:' && url.hostname === 'localhost');
  if (!url || !secure || url.origin !== origin || !underRpId(url.hostname, rpId)) {
    throw new TypeError(
      `Each of origins must be an origin under the RP ID ${rpId} (https://, or http://localhost), such as https://app.${rpId}, got ${String(origin)}.`,
    );
  }
  return origin;
}

/** What an answer's client data names, unchecked: the signature over it is checked later. */
export function clientDataOf(clientDataJSON: unknown): { origin?: unknown; challenge?: unknown } {
  try {
    const data: unknown = JSON.parse(
      Buffer.from(String(clientDataJSON), 'base64url').toString('utf8'),
    );
    return typeof data === 'object' && data !== null ? data : {};
  } catch {
    return {};
  }
}

/**
 * The origins an answer may come from, as the WebAuthn checks take them: the list, or the
 * origin the answer names when the function takes it (none otherwise, which refuses it).
 */
export function expectedOrigins(party: RelyingParty, clientDataJSON: unknown): string[] {
  if (Array.isArray(party.origins)) return party.origins;
  const { origin } = clientDataOf(clientDataJSON);
  return typeof origin === 'string' && party.origins(origin) ? [origin] : [];
}

/** The options, checked: a mistake here would refuse every passkey, or accept too many. */
export function relyingParty(options: RelyingPartyOptions): RelyingParty {
  const { rpId, origins, store } = options ?? ({} as RelyingPartyOptions);
  if (typeof rpId !== 'string' || !domainName.test(rpId)) {
    throw new TypeError(
      `rpId must be a domain name such as example.com (localhost for local development), never an IP address; got ${String(rpId)}.`,
    );
  }
  if (typeof origins !== 'function' && (!Array.isArray(origins) || origins.length === 0)) {
    throw new TypeError(
      `origins must list the origins of the pages that use passkeys, such as https://app.${rpId}.`,
    );
  }
  if (typeof store?.list !== 'function') {
    throw new TypeError('store must be a PasskeyStore, such as createMemoryPasskeyStore().');
  }
  const userVerification = options.userVerification ?? 'required';
  if (userVerification !== 'required' && userVerification !== 'preferred') {
    throw new TypeError(
      `userVerification must be required or preferred, got ${String(userVerification)}.`,
    );
  }
  const timeoutMs = options.timeoutMs ?? 120_000;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 10_000 || timeoutMs > 600_000) {
    throw new RangeError(
      `timeoutMs must be a whole number from 10000 to 600000, got ${String(timeoutMs)}.`,
    );
  }
  return {
    rpId,
    origins:
      typeof origins === 'function' ? origins : origins.map((origin) => validOrigin(origin, rpId)),
    store,
    userVerification,
    timeoutMs,
  };
}
