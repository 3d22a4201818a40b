import { describe, expect, it } from 'vitest';
import { generatePassword } from '../../src/machine/password.ts';

/** Cognito's default policy, with every symbol it accepts. */
const cognitoDefaultPolicy =
  /^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)(?=.*[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+-])\S{8,256}$/;

describe('generatePassword', () => {
  it('always meets Cognito’s default policy and never repeats', () => {
    const passwords = Array.from({ length: 2_000 }, () => generatePassword());
    for (const password of passwords) expect(password).toMatch(cognitoDefaultPolicy);
    expect(new Set(passwords).size).toBe(passwords.length);
  });

  it('carries 192 random bits', () => {
    const random = generatePassword().slice(0, -4);
    expect(Buffer.from(random, 'base64')).toHaveLength(24);
    // Every bit varies: over many passwords no byte position is stuck at one value.
    const firstBytes = new Set(
      Array.from({ length: 500 }, () => Buffer.from(generatePassword().slice(0, 4), 'base64')[0]),
    );
    expect(firstBytes.size).toBeGreaterThan(200);
  });
});
