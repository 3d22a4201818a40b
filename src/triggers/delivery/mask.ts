/** What stands in for every hidden run of characters, whatever its length. */
const HIDDEN = '***';
/** Phone masks show the same number of stars whatever the number's length. */
const HIDDEN_PHONE_DIGITS = '*******';
const VISIBLE_PHONE_DIGITS = 4;
/** Below this many digits the last four would give away too much of the number. */
const MIN_DIGITS_TO_SHOW_TAIL = 8;

/** The first character and stars, or only stars when one character is all there is. */
function maskPart(part: string): string {
  return part.length > 1 ? `${part.slice(0, 1)}${HIDDEN}` : HIDDEN;
}

/** Keeps the top-level domain readable (`e***.com`); a dotless domain becomes `l***`. */
function maskDomain(domain: string): string {
  const lastDot = domain.lastIndexOf('.');
  if (lastDot <= 0 || lastDot === domain.length - 1) return maskPart(domain);
  return `${maskPart(domain.slice(0, lastDot))}${domain.slice(lastDot)}`;
}

/**
 * Masks an email address for display: `Alice@Example.com` becomes `a***@e***.com`.
 * Anything that is not shaped like an address becomes `***`.
 */
export function maskEmail(email: string): string {
  // Lower case, as providers treat addresses: a decoy made from what someone typed must not
  // differ in case from a stored address.
  const trimmed = email.trim().toLowerCase();
  const at = trimmed.lastIndexOf('@');
  if (at <= 0 || at === trimmed.length - 1) return HIDDEN;
  return `${maskPart(trimmed.slice(0, at))}@${maskDomain(trimmed.slice(at + 1))}`;
}

/**
 * Masks a phone number for display, keeping only its last four digits:
 * `+15555551234` becomes `+*******1234`. Short numbers show no digits at all.
 */
export function maskPhoneNumber(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  const tail = digits.length >= MIN_DIGITS_TO_SHOW_TAIL ? digits.slice(-VISIBLE_PHONE_DIGITS) : '';
  return `+${HIDDEN_PHONE_DIGITS}${tail}`;
}

/** Masks an email address or a phone number, whichever `destination` is. */
export function maskDestination(destination: string): string {
  return isEmailAddress(destination) ? maskEmail(destination) : maskPhoneNumber(destination);
}

export function isEmailAddress(destination: string): boolean {
  return destination.includes('@');
}

/** E.164 as Cognito stores `phone_number`: a plus and up to fifteen digits. */
export function isPhoneNumber(value: string): boolean {
  return /^\+\d{6,15}$/.test(value.trim());
}
