import { describe, expect, it } from 'vitest';
import { maskDestination, maskEmail, maskPhoneNumber } from '../../src/triggers/delivery/mask.ts';

describe('maskEmail', () => {
  it.each([
    ['alice@example.com', 'a***@e***.com'],
    ['Bob.Smith@mail.example.co.uk', 'b***@m***.uk'],
    ['ab@example.com', 'a***@e***.com'],
    ['a@example.com', '***@e***.com'],
    ['alice@localhost', 'a***@l***'],
    ['alice@x.io', 'a***@***.io'],
    ['alice@example.', 'a***@e***'],
    ['alice@.com', 'a***@.***'],
    ['  alice@example.com ', 'a***@e***.com'],
    ['"a@b"@example.com', '"***@e***.com'],
  ])('%j -> %j', (email, masked) => {
    expect(maskEmail(email)).toBe(masked);
  });

  it.each(['', 'alice', '@example.com', 'alice@'])(
    'hides everything of a malformed %j',
    (email) => {
      expect(maskEmail(email)).toBe('***');
    },
  );
});

describe('maskPhoneNumber', () => {
  it.each([
    ['+15555551234', '+*******1234'],
    ['+447700900123', '+*******0123'],
    ['+1 (555) 555-1234', '+*******1234'],
    ['+1234567', '+*******'],
    ['', '+*******'],
  ])('%j -> %j', (phone, masked) => {
    expect(maskPhoneNumber(phone)).toBe(masked);
  });
});

describe('maskDestination', () => {
  it('masks emails as emails and anything else as a phone number', () => {
    expect(maskDestination('alice@example.com')).toBe('a***@e***.com');
    expect(maskDestination('+15555551234')).toBe('+*******1234');
  });
});
