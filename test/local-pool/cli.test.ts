import { describe, expect, it } from 'vitest';
import { exposureWarning, parseCliOptions } from '../../src/local-pool/cli/options.ts';

describe('the pool CLI options', () => {
  it('reads every option', () => {
    expect(
      parseCliOptions([
        '--host',
        '0.0.0.0',
        '--port',
        '0',
        '--user-pool-id',
        'eu-west-1_Test',
        '--client-id',
        'abc',
        '--data',
        '.pool',
        '--flow',
        'passwordThenCode',
        '--triggers',
        'my-triggers.mjs',
        '--session-validity',
        '60',
        '--token-validity',
        '30',
        '--legacy-user-existence-errors',
        '--latency',
        '25',
        '--max-codes',
        '7',
        '--max-wrong-answers',
        '12',
        '--limit-window',
        '600',
      ]),
    ).toEqual({
      host: '0.0.0.0',
      port: 0,
      userPoolId: 'eu-west-1_Test',
      clientId: 'abc',
      dataDir: '.pool',
      flow: 'passwordThenCode',
      triggers: 'my-triggers.mjs',
      sessionValiditySeconds: 60,
      tokenValiditySeconds: 30,
      preventUserExistenceErrors: false,
      latencyMs: 25,
      limits: { maxCodes: 7, maxWrongAnswers: 12, windowSeconds: 600 },
    });
  });

  it('defaults to hiding user existence', () => {
    expect(parseCliOptions([])).toMatchObject({
      preventUserExistenceErrors: true,
      port: undefined,
    });
    expect(parseCliOptions(['--help'])).toBe('help');
  });

  it('warns when --host makes the pool reachable from the network', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'devbox.lan']) {
      expect(exposureWarning(host)).toMatch(
        new RegExp(
          `listens on ${host}, not a loopback address.*reachable from the network.*/_local/`,
          's',
        ),
      );
    }
    for (const host of [undefined, '127.0.0.1', '127.0.0.2', 'localhost', '::1']) {
      expect(exposureWarning(host)).toBeUndefined();
    }
  });

  it('reads a chain of steps as the flow', () => {
    expect(parseCliOptions(['--flow', 'password, code,question'])).toMatchObject({
      flow: ['password', 'code', 'question'],
    });
  });

  it.each([
    [['--port', '70000'], /--port must be a whole number from 0 to 65535/],
    [
      ['--flow', 'code,riddle'],
      /or a chain of password, code, codeByChoice, question, captcha, magicLink, passkey, passkeyOrCode, passkeyEnrollment separated by commas/,
    ],
    [['--port', 'abc'], /--port must be a whole number/],
    [['--session-validity', '0'], /--session-validity must be a whole number from 1/],
    [['--token-validity', '86401'], /--token-validity must be a whole number from 1 to 86400/],
    [['--max-codes', '0'], /--max-codes must be a whole number from 1 to 100/],
    [['--limit-window', '30'], /--limit-window must be a whole number from 60 to 86400/],
    [['--flow', 'magic'], /--flow must be passwordless, passwordThenCode, either or a chain/],
    [['--unknown'], /Unknown option '--unknown'/],
  ])('refuses %j clearly', (args, message) => {
    expect(() => parseCliOptions(args)).toThrow(message);
  });
});
