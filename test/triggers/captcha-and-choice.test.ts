import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMemoryAttemptStore } from '../../src/triggers/attempt-store.ts';
import {
  captchaStep,
  LOCAL_CAPTCHA_TOKEN,
  siteverifyUrls,
} from '../../src/triggers/captcha-step.ts';
import type { StepCreateInput } from '../../src/triggers/chain-steps.ts';
import { choiceStep } from '../../src/triggers/choice-step.ts';
import { createEvent, verifyEvent } from './events.ts';

/** A stand-in for the providers' siteverify: `good` passes, `boom` breaks the service. */
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
      response.end(
        JSON.stringify({ success: form.get('response') === 'good', hostname: 'localhost' }),
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
      verifyUrl,
    });
    const challenge = await step.create(createInput());
    expect(step.type).toBe('captcha');
    expect(challenge.parameters).toEqual({ provider: 'turnstile', siteKey: 'site-1' });
    expect(JSON.stringify(challenge)).not.toContain('secret-1');
  });

  it('checks the token with siteverify, as a form with the secret', async () => {
    const step = captchaStep({ provider: 'hcaptcha', siteKey: 's', secret: 'secret-2', verifyUrl });
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

  it.each([
    [{ provider: 'friendly', siteKey: 's', secret: 'x' }, /provider must be/],
    [{ provider: 'turnstile', siteKey: '', secret: 'x' }, /needs a siteKey/],
    [{ provider: 'recaptcha', siteKey: 's' }, /needs the recaptcha secret key/],
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
