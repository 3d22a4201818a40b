import { describe, expect, it } from 'vitest';
import { defaultDecoyEmailDomains } from '../../src/triggers/delivery/decoy-destinations.ts';
import { sendCodeWithSes } from '../../src/triggers/delivery/ses.ts';
import {
  createCreateAuthChallenge,
  createDefineAuthChallenge,
  createVerifyAuthChallengeResponse,
} from '../../src/triggers/presets/handler-factories.ts';
import { resolveOptions } from '../../src/triggers/presets/options.ts';

describe('resolveOptions', () => {
  it('applies the defaults', () => {
    const { limits, ...rest } = resolveOptions();
    expect(rest).toStrictEqual({
      flow: 'passwordless',
      codeLength: 6,
      maxAttempts: 3,
      hint: undefined,
      sendCode: sendCodeWithSes,
      allowUnverified: false,
      decoySendDelayMs: 100,
      decoyEmailDomains: defaultDecoyEmailDomains,
    });
    expect(limits).toMatchObject({
      maxCodes: 5,
      maxWrongAnswers: 5,
      windowSeconds: 900,
      caseSensitiveUsernames: false,
    });
  });

  it('refuses the daily cut-off that the waits replaced, saying what replaced it', () => {
    const limits = { maxWrongAnswersPerDay: 30 } as Parameters<typeof resolveOptions>[0] & object;
    expect(() => resolveOptions({ limits } as never)).toThrow(
      /maxWrongAnswersPerDay is gone: past maxWrongAnswers each wrong answer waits longer/,
    );
    expect(() => resolveOptions({ limits: { caseSensitiveUsernames: 'yes' as never } })).toThrow(
      /caseSensitiveUsernames must be true or false/,
    );
  });

  it('keeps given values and ignores undefined ones', () => {
    const sendCode = async () => {};
    const resolved = resolveOptions({
      flow: 'passwordThenCode',
      codeLength: 4,
      maxAttempts: undefined,
      sendCode,
    });
    expect(resolved).toMatchObject({ flow: 'passwordThenCode', codeLength: 4, maxAttempts: 3 });
    expect(resolved.sendCode).toBe(sendCode);
  });

  it.each([4, 12])('accepts codeLength %i', (codeLength) => {
    expect(resolveOptions({ codeLength }).codeLength).toBe(codeLength);
  });

  it.each([3, 13, 6.5, Number.NaN, 0])('rejects codeLength %s', (codeLength) => {
    expect(() => resolveOptions({ codeLength })).toThrow(RangeError);
    expect(() => resolveOptions({ codeLength })).toThrow(
      `codeLength must be a whole number from 4 to 12, got ${codeLength}.`,
    );
  });

  it.each([1, 10])('accepts maxAttempts %i', (maxAttempts) => {
    expect(resolveOptions({ maxAttempts }).maxAttempts).toBe(maxAttempts);
  });

  it.each([0, 11, 2.5, -1])('rejects maxAttempts %s', (maxAttempts) => {
    expect(() => resolveOptions({ maxAttempts })).toThrow(
      new RangeError(`maxAttempts must be a whole number from 1 to 10, got ${maxAttempts}.`),
    );
  });

  it('rejects an unknown flow', () => {
    const flow = 'passwordFirst' as never;
    expect(() => resolveOptions({ flow })).toThrow(
      new RangeError(
        'flow must be one of passwordless, passwordThenCode, either, got passwordFirst.',
      ),
    );
  });

  it('rejects a hint or sendCode of the wrong type', () => {
    expect(() => resolveOptions({ hint: 42 as never })).toThrow(
      new TypeError('hint must be a string.'),
    );
    expect(() => resolveOptions({ sendCode: 'ses' as never })).toThrow(
      new TypeError('sendCode must be a function.'),
    );
  });

  it('makes every factory fail at construction, not on the first sign-in', () => {
    expect(() => createDefineAuthChallenge({ maxAttempts: 0 })).toThrow(RangeError);
    expect(() => createCreateAuthChallenge({ codeLength: 20 })).toThrow(RangeError);
    expect(() => createVerifyAuthChallengeResponse({ flow: 'x' as never })).toThrow(RangeError);
  });
});
