/**
 * A password nobody will type, for passwordless sign-up: Cognito still requires one.
 * 24 random bytes (192 bits) in base64, then one character of each class Cognito's default
 * policy asks for, which adds no secrecy and needs none.
 */
export function generatePassword(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return `${btoa(String.fromCharCode(...bytes))}aA1!`;
}
