import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  captchaStep,
  LOCAL_CAPTCHA_TOKEN,
  siteverifyUrls,
} from '../../src/challenges/captcha/step.ts';
import { choiceStep } from '../../src/challenges/choice/step.ts';
import type { StepCreateInput } from '../../src/triggers/chain/chain-step.ts';
import { createMemoryAttemptStore } from '../../src/triggers/limits/attempt-store.ts';
import { createEvent, verifyEvent } from './events.ts';

/**
 * What the stand-in siteverify answers for each token, shaped as the providers document it:
 * `hostname` of the page that solved it, `action` where the widget was given one, `score`
 * for reCAPTCHA v3 (1.0 very likely a person) and hCaptcha Enterprise (a risk score).
 */
const answers: Record<string, object> = {
  good: { success: true, hostname: 'localhost' },
  'other-site': { success: true, hostname: 'evil.example' },
  'no-hostname': { success: true },
  'login-0.9': { success: true, hostname: 'localhost', action: 'login', score: 0.9 },
  'signup-0.9': { success: true, hostname: 'localhost', action: 'signup', score: 0.9 },
  'login-0.2': { success: true, hostname: 'localhost', action: 'login', score: 0.2 },
  'login-no-score': { success: true, hostname: 'localhost', action: 'login' },
  'risk-0.1': { success: true, hostname: 'localhost', score: 0.1 },
  'risk-0.9': { success: true, hostname: 'localhost', score: 0.9 },
  'failed-on-this-site': { success: false, hostname: 'localhost' },
};

/** A stand-in for the providers' siteverify; `boom` breaks the service. */
let server: Server;
let verifyUrl = '';
const received: URLSearchParams[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      const form = new URLSearchParams(body);
      received.push(form);
      if (form.get('response') === 'boom') {
        response.writeHead(500).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      const answer = answers[form.get('response') ?? ''];
      response.end(
        JSON.stringify(answer ?? { success: false, 'error-codes': ['invalid-input-response'] }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  verifyUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/siteverify`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Verify's input for an answer to a round that kept nothing private. */
const verifyInput = (answer: string, privateParameters: Record<string, string> = {}) => ({
  event: verifyEvent(answer, privateParameters),
  answer,
  privateParameters,
  store: createMemoryAttemptStore(),
  owner: 'sub:alice',
});

const createInput = (overrides: Partial<StepCreateInput> = {}): StepCreateInput => ({
  event: createEvent([]),
  round: 1,
  previousMetadata: undefined,
  deliver: async () => {},
  decoySecret: 'k',
  decoyEmailDomains: ['example.com'],
  store: createMemoryAttemptStore(),
  owner: 'sub:alice',
  ...overrides,
});

describe('captchaStep', () => {
  it('sends the provider and site key, never the secret', async () => {
    const step = captchaStep({
      provider: 'turnstile',
      siteKey: 'site-1',
      secret: 'secret-1',
      hostnames: ['localhost'],
      verifyUrl,
    });
    const challenge = await step.create(createInput());
    expect(step.type).toBe('captcha');
    expect(challenge.parameters).toEqual({ provider: 'turnstile', siteKey: 'site-1' });
    expect(JSON.stringify(challenge)).not.toContain('secret-1');
  });

  it('checks the token with siteverify, as a form with the secret', async () => {
    const step = captchaStep({
      provider: 'turnstile',
      siteKey: 's',
      secret: 'secret-2',
      hostnames: ['localhost'],
      verifyUrl,
    });
    const check = (answer: string) => step.verify(verifyInput(answer));
    expect(await check('good')).toBe(true);
    expect(received.at(-1)?.get('secret')).toBe('secret-2');
    expect(received.at(-1)?.get('response')).toBe('good');
    expect(await check('forged')).toBe(false);
    const asked = received.length;
    expect(await check('  ')).toBe(false);
    expect(received).toHaveLength(asked);
    await expect(check('boom')).rejects.toThrow(/answered 500; the token was not checked/);
  });

  it('passes only tokens solved on one of its hostnames', async () => {
    const step = captchaStep({
      provider: 'recaptcha',
      siteKey: 's',
      secret: 'shared-by-two-sites',
      hostnames: ['LocalHost'],
      verifyUrl,
    });
    const check = (answer: string) => step.verify(verifyInput(answer));
    expect(await check('good')).toBe(true);
    // A real token for the same key, solved on another site that shares it.
    expect(await check('other-site')).toBe(false);
    expect(await check('no-hostname')).toBe(false);
    expect(await check('failed-on-this-site')).toBe(false);
    const byRule = captchaStep({
      provider: 'recaptcha',
      siteKey: 's',
      secret: 'x',
      hostnames: (hostname) => hostname.endsWith('.example'),
      verifyUrl,
    });
    expect(await byRule.verify(verifyInput('other-site'))).toBe(true);
    expect(await byRule.verify(verifyInput('good'))).toBe(false);
  });

  it('wants the action it names, and tells the widget which', async () => {
    const step = captchaStep({
      provider: 'turnstile',
      siteKey: 's',
      secret: 'x',
      hostnames: ['localhost'],
      action: 'login',
      verifyUrl,
    });
    expect((await step.create(createInput())).parameters).toEqual({
      provider: 'turnstile',
      siteKey: 's',
      action: 'login',
    });
    const check = (answer: string) => step.verify(verifyInput(answer));
    expect(await check('login-0.9')).toBe(true);
    expect(await check('signup-0.9')).toBe(false);
    expect(await check('good')).toBe(false);
  });

  it('wants a reCAPTCHA v3 score of at least minScore, and refuses a token without one', async () => {
    const step = captchaStep({
      provider: 'recaptcha',
      siteKey: 's',
      secret: 'x',
      hostnames: ['localhost'],
      action: 'login',
      minScore: 0.5,
      verifyUrl,
    });
    const check = (answer: string) => step.verify(verifyInput(answer));
    expect(await check('login-0.9')).toBe(true);
    expect(await check('login-0.2')).toBe(false);
    // A v2 token for a key shared with a v3 site carries no score: it proves less.
    expect(await check('login-no-score')).toBe(false);
  });

  it('asks hCaptcha for its site key’s tokens only, with a risk score of at most maxScore', async () => {
    const step = captchaStep({
      provider: 'hcaptcha',
      siteKey: 'site-3',
      secret: 'account-secret',
      hostnames: ['localhost'],
      maxScore: 0.5,
      verifyUrl,
    });
    const check = (answer: string) => step.verify(verifyInput(answer));
    expect(await check('risk-0.1')).toBe(true);
    expect(received.at(-1)?.get('sitekey')).toBe('site-3');
    expect(await check('risk-0.9')).toBe(false);
    expect(await check('good')).toBe(false);
  });

  it('knows each provider’s documented endpoint', () => {
    expect(siteverifyUrls).toEqual({
      turnstile: 'https://challenges.cloudflare.com/turnstile/v0/siteverify',
      recaptcha: 'https://www.google.com/recaptcha/api/siteverify',
      hcaptcha: 'https://api.hcaptcha.com/siteverify',
    });
  });

  it('has a local provider for offline use, refused on AWS Lambda', async () => {
    const step = captchaStep({ provider: 'local', siteKey: 'local' });
    const check = (answer: string) => step.verify(verifyInput(answer));
    expect(await check(LOCAL_CAPTCHA_TOKEN)).toBe(true);
    expect(await check('anything else')).toBe(false);
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'verify');
    try {
      await expect(check(LOCAL_CAPTCHA_TOKEN)).rejects.toThrow(/offline use only/);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('needs no hostnames for the local provider, which asks no one', async () => {
    const step = captchaStep({ provider: 'local', siteKey: 'local' });
    expect(await step.verify(verifyInput(LOCAL_CAPTCHA_TOKEN))).toBe(true);
  });

  const real = { siteKey: 's', secret: 'x', hostnames: ['app.example.com'] };
  it.each([
    [{ provider: 'friendly', siteKey: 's', secret: 'x' }, /provider must be/],
    [{ provider: 'turnstile', siteKey: '', secret: 'x' }, /needs a siteKey/],
    [{ provider: 'recaptcha', siteKey: 's' }, /needs the recaptcha secret key/],
    [{ provider: 'turnstile', siteKey: 's', secret: 'x' }, /needs hostnames/],
    [{ provider: 'hcaptcha', ...real, hostnames: [] }, /needs hostnames/],
    [{ provider: 'recaptcha', ...real, hostnames: ['https://app.example.com'] }, /hostnames/],
    [{ provider: 'hcaptcha', ...real, action: 'login' }, /hcaptcha sends no action/],
    [{ provider: 'turnstile', ...real, action: '' }, /action must be/],
    [{ provider: 'turnstile', ...real, minScore: 0.5 }, /minScore is for recaptcha/],
    [{ provider: 'hcaptcha', ...real, minScore: 0.5 }, /minScore is for recaptcha/],
    [{ provider: 'recaptcha', ...real, maxScore: 0.5 }, /maxScore is for hcaptcha/],
    [{ provider: 'recaptcha', ...real, minScore: 1.5 }, /from 0 to 1/],
    [{ provider: 'hcaptcha', ...real, maxScore: Number.NaN }, /from 0 to 1/],
  ])('refuses a configuration that cannot work: %j', (options, message) => {
    expect(() => captchaStep(options as never)).toThrow(message);
  });
});

describe('choiceStep', () => {
  const options = [
    { value: 'email', label: 'By email' },
    { value: 'sms', label: 'By text message' },
  ];

  it('offers its options as JSON and passes only a value it offered', async () => {
    const verify = vi.fn(({ value }: { value: string }) => value === 'sms');
    const step = choiceStep({ question: 'Where should the code go?', options, verify });
    const challenge = await step.create(createInput());
    expect(challenge).toMatchObject({ hint: 'Where should the code go?' });
    expect(JSON.parse(challenge.parameters.options ?? '')).toEqual(options);
    const check = (answer: string) => step.verify(verifyInput(answer, challenge.privateParameters));
    expect(await check('sms')).toBe(true);
    expect(await check('email')).toBe(false);
    expect(await check('fax')).toBe(false);
    expect(verify).toHaveBeenCalledTimes(2);
  });

  it('lists options from the sign-in, checked like fixed ones', async () => {
    const step = choiceStep({
      question: 'Which is yours?',
      options: (event) => [{ value: event.userName, label: event.userName }],
      verify: () => true,
    });
    const challenge = await step.create(createInput());
    expect(JSON.parse(challenge.parameters.options ?? '')).toEqual([
      { value: 'alice', label: 'alice' },
    ]);
    const broken = choiceStep({ question: 'q', options: () => [], verify: () => true });
    await expect(broken.create(createInput())).rejects.toThrow(/at least one option/);
  });

  it('refuses options that cannot work', () => {
    const twice = [options[0], options[0]] as typeof options;
    expect(() => choiceStep({ question: 'q', options: twice, verify: () => true })).toThrow(
      /each a distinct value/,
    );
  });
});
