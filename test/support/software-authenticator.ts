import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';

/**
 * A passkey authenticator in software, for tests: makes real WebAuthn registration and
 * assertion responses (ES256 keys from node:crypto, "none" attestation, CBOR and COSE as the
 * specification lays them out), and can be told to misbehave the ways the tests attack with.
 */

type CborValue = number | string | Uint8Array | Map<CborValue, CborValue> | CborValue[];

/** The subset of CBOR (RFC 8949) an attestation object needs, canonical for these types. */
function cbor(value: CborValue): Buffer {
  const head = (major: number, length: number) => {
    if (length < 24) return Buffer.from([(major << 5) | length]);
    if (length < 256) return Buffer.from([(major << 5) | 24, length]);
    const bytes = Buffer.alloc(3);
    bytes[0] = (major << 5) | 25;
    bytes.writeUInt16BE(length, 1);
    return bytes;
  };
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') {
    const text = Buffer.from(value, 'utf8');
    return Buffer.concat([head(3, text.length), text]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), value]);
  if (Array.isArray(value)) return Buffer.concat([head(4, value.length), ...value.map(cbor)]);
  const entries = [...value].flatMap(([key, item]) => [cbor(key), cbor(item)]);
  return Buffer.concat([head(5, value.size), ...entries]);
}

const base64url = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();

const flagBits = { up: 0x01, uv: 0x04, be: 0x08, bs: 0x10, at: 0x40 } as const;

export interface SoftwarePasskey {
  id: string;
  privateKey: KeyObject;
  /** The COSE public key, as the attestation object carries it. */
  cosePublicKey: Buffer;
  userHandle: string;
  counter: number;
}

export interface CeremonyOverrides {
  origin?: string;
  rpId?: string;
  /** Leave out user verification (UV). */
  noUserVerification?: boolean;
  /** Leave out user presence (UP). */
  noUserPresence?: boolean;
  /** The counter to sign with, instead of one more than the last. */
  counter?: number;
  /** A synced passkey: backup eligible and backed up. */
  synced?: boolean;
  /** Sign with this key instead of the passkey's own. */
  signWith?: KeyObject;
  type?: string;
}

export interface SoftwareAuthenticatorOptions {
  origin: string;
  rpId: string;
  /** The model it reports at registration (a UUID); all zeros, as most report, by default. */
  aaguid?: string;
}

/**
 * One authenticator: `register` answers creation options with a new passkey, `assert`
 * answers request options with a passkey it holds (the first the options allow).
 */
export function softwareAuthenticator({ origin, rpId, aaguid }: SoftwareAuthenticatorOptions) {
  const passkeys: SoftwarePasskey[] = [];

  const clientData = (type: string, challenge: string, overrides: CeremonyOverrides) =>
    Buffer.from(
      JSON.stringify({
        type: overrides.type ?? type,
        challenge,
        origin: overrides.origin ?? origin,
        crossOrigin: false,
      }),
    );

  const flags = (overrides: CeremonyOverrides, extra = 0) =>
    (overrides.noUserPresence ? 0 : flagBits.up) |
    (overrides.noUserVerification ? 0 : flagBits.uv) |
    (overrides.synced ? flagBits.be | flagBits.bs : 0) |
    extra;

  const counterBytes = (counter: number) => {
    const bytes = Buffer.alloc(4);
    bytes.writeUInt32BE(counter);
    return bytes;
  };

  function register(
    options: { challenge: string; user: { id: string } },
    overrides: CeremonyOverrides = {},
  ) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const cosePublicKey = cbor(
      new Map<CborValue, CborValue>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x ?? '', 'base64url')],
        [-3, Buffer.from(jwk.y ?? '', 'base64url')],
      ]),
    );
    const rawId = randomBytes(16);
    const counter = overrides.counter ?? 0;
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(rawId.length);
    const authData = Buffer.concat([
      sha256(overrides.rpId ?? rpId),
      Buffer.from([flags(overrides, flagBits.at)]),
      counterBytes(counter),
      aaguid ? Buffer.from(aaguid.replace(/-/g, ''), 'hex') : Buffer.alloc(16),
      idLength,
      rawId,
      cosePublicKey,
    ]);
    const attestationObject = cbor(
      new Map<CborValue, CborValue>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', authData],
      ]),
    );
    const passkey: SoftwarePasskey = {
      id: base64url(rawId),
      privateKey,
      cosePublicKey,
      userHandle: options.user.id,
      counter,
    };
    passkeys.push(passkey);
    return {
      id: passkey.id,
      rawId: passkey.id,
      type: 'public-key',
      response: {
        clientDataJSON: base64url(clientData('webauthn.create', options.challenge, overrides)),
        attestationObject: base64url(attestationObject),
        transports: ['internal'],
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }

  function assert(
    options: { challenge: string; allowCredentials?: readonly { id: string }[] },
    overrides: CeremonyOverrides & { passkey?: SoftwarePasskey } = {},
  ) {
    const allowed = options.allowCredentials ?? [];
    const passkey =
      overrides.passkey ??
      passkeys.find(
        (candidate) => allowed.length === 0 || allowed.some(({ id }) => id === candidate.id),
      );
    if (!passkey) throw new Error('The authenticator holds no passkey these options allow.');
    const counter = overrides.counter ?? passkey.counter + 1;
    passkey.counter = counter;
    const authenticatorData = Buffer.concat([
      sha256(overrides.rpId ?? rpId),
      Buffer.from([flags(overrides)]),
      counterBytes(counter),
    ]);
    const clientDataJSON = clientData('webauthn.get', options.challenge, overrides);
    const signature = sign(
      'sha256',
      Buffer.concat([authenticatorData, sha256(clientDataJSON)]),
      overrides.signWith ?? passkey.privateKey,
    );
    return {
      id: passkey.id,
      rawId: passkey.id,
      type: 'public-key',
      response: {
        clientDataJSON: base64url(clientDataJSON),
        authenticatorData: base64url(authenticatorData),
        signature: base64url(signature),
        userHandle: passkey.userHandle,
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }

  return { register, assert, passkeys };
}
