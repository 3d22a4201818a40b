const lower = 'abcdefghijkmnopqrstuvwxyz';
const upper = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const digits = '23456789';
const symbols = '!#$%*+-=?@^_~';
const alphabet = lower + upper + digits + symbols;

/** Uniform index in [0, size) by rejection sampling, so no character is favoured. */
function randomIndex(size: number): number {
  const limit = Math.floor(0x1_0000_0000 / size) * size;
  const buffer = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(buffer);
    const value = buffer[0] as number;
    if (value < limit) return value % size;
  }
}

function pick(characters: string): string {
  return characters[randomIndex(characters.length)] as string;
}

/**
 * A password nobody will type, for passwordless sign-up: Cognito still requires one.
 * It always satisfies Cognito's default policy (length, upper, lower, digit, symbol).
 */
export function generatePassword(length = 32): string {
  if (length < 8) throw new RangeError('A generated password needs at least 8 characters.');
  const characters = [pick(lower), pick(upper), pick(digits), pick(symbols)];
  while (characters.length < length) characters.push(pick(alphabet));
  for (let i = characters.length - 1; i > 0; i--) {
    const j = randomIndex(i + 1);
    [characters[i], characters[j]] = [characters[j] as string, characters[i] as string];
  }
  return characters.join('');
}
