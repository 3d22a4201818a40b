import { describe, expect, it } from 'vitest';
import { generatePassword } from '../../src/machine/index.ts';

const cognitoDefaultPolicy = /^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)(?=.*[!#$%*+\-=?@^_~]).{8,}$/;

describe('generatePassword', () => {
  it('always meets Cognito’s default policy and never repeats', () => {
    const passwords = Array.from({ length: 2_000 }, () => generatePassword());
    for (const password of passwords) expect(password).toMatch(cognitoDefaultPolicy);
    expect(new Set(passwords).size).toBe(passwords.length);
    expect(passwords.every((password) => password.length === 32)).toBe(true);
  });

  it('meets the policy at the shortest allowed length', () => {
    for (let i = 0; i < 500; i++) expect(generatePassword(8)).toMatch(cognitoDefaultPolicy);
  });

  it('spreads characters evenly over positions (no fixed class order)', () => {
    const firstIsLower = Array.from({ length: 2_000 }, () =>
      /[a-z]/.test(generatePassword()[0] ?? ''),
    );
    const share = firstIsLower.filter(Boolean).length / firstIsLower.length;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.5);
  });

  it('refuses a length Cognito would reject', () => {
    expect(() => generatePassword(7)).toThrow(RangeError);
  });
});
