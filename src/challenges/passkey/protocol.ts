// What the passkey steps and the client share: the WebAuthn options a round carries, and the
// answers that come back, in the JSON forms of the WebAuthn Level 3 specification (binary
// fields as base64url strings), so that either side can be written in any language.

/** A credential the user may sign in with, as request options list it. */
export interface PasskeyDescriptorJSON {
  id: string;
  type: 'public-key';
  transports?: string[];
}

/** `PublicKeyCredentialRequestOptionsJSON`: what `navigator.credentials.get` is asked. */
export interface PasskeyRequestOptionsJSON {
  challenge: string;
  rpId: string;
  allowCredentials: PasskeyDescriptorJSON[];
  userVerification: 'required' | 'preferred' | 'discouraged';
  timeout?: number;
}

/** `PublicKeyCredentialCreationOptionsJSON`: what `navigator.credentials.create` is asked. */
export interface PasskeyCreationOptionsJSON {
  challenge: string;
  rp: { id: string; name: string };
  user: { id: string; name: string; displayName: string };
  pubKeyCredParams: { type: 'public-key'; alg: number }[];
  excludeCredentials: PasskeyDescriptorJSON[];
  authenticatorSelection: {
    residentKey: 'required' | 'preferred' | 'discouraged';
    userVerification: 'required' | 'preferred' | 'discouraged';
  };
  attestation: 'none';
  timeout?: number;
}

/**
 * The public parameter both passkey types carry: the options, as JSON, under the name the
 * browser's API takes them by (`{ publicKey }`).
 */
export const passkeyParameters = (
  publicKey: PasskeyRequestOptionsJSON | PasskeyCreationOptionsJSON,
) => ({ publicKey: JSON.stringify(publicKey) });

/**
 * What `passkeyChallengeHandler` answers a POST with: request options for a sign-in from the
 * username field's autofill, whose challenge any one sign-in may take.
 */
export interface PasskeyChallengeResponse {
  /** Its `allowCredentials` is empty: the browser offers the user's passkeys for the site. */
  publicKey: PasskeyRequestOptionsJSON;
}

/**
 * A change `passkeyManagementHandler` is asked for (POST, JSON), each with the secret of a
 * step-up (`stepUp`) whose digest a sign-in that proved a factor sent: creation options for a
 * new passkey, then its registration (the JSON `createPasskeyAnswer` gives); or a removal.
 */
export type PasskeyManagementRequest =
  | { action: 'creationOptions'; stepUp: string }
  | { action: 'register'; stepUp: string; response: string }
  | { action: 'remove'; stepUp: string; id: string };

/** A passkey as the user's list shows it (`passkeyManagementHandler`'s GET). */
export interface PasskeyView {
  id: string;
  /** Who keeps it (`Google Password Manager`, `Apple Passwords`...), when its model is known. */
  provider: string | null;
  /** Epoch ms. */
  createdAt: number;
  /** Epoch ms of the last sign-in with it, or null. */
  lastUsedAt: number | null;
  /** Synced to the user's other devices (backed up), as its last ceremony said. */
  synced: boolean;
  /** It can never leave the device it was made on (not backup eligible). */
  deviceBound: boolean;
}

/** What the client answers an enrolment round with to go on without a passkey. */
export const PASSKEY_SKIP = 'skip';
