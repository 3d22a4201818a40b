import { type CustomChallengeStep, validAttempts } from '../../triggers/chain/chain-step.ts';
import { LOCAL_CAPTCHA_TOKEN } from './protocol.ts';

export { LOCAL_CAPTCHA_TOKEN } from './protocol.ts';

/** The CAPTCHA services a step can check with, and `local` for offline use. */
export type CaptchaProvider = 'turnstile' | 'recaptcha' | 'hcaptcha' | 'local';

type RealProvider = Exclude<CaptchaProvider, 'local'>;

/** Each provider's documented endpoint for checking a token on the server. */
export const siteverifyUrls: Record<Exclude<CaptchaProvider, 'local'>, string> = {
  turnstile: 'https://challenges.cloudflare.com/turnstile/v0/siteverify',
  recaptcha: 'https://www.google.com/recaptcha/api/siteverify',
  hcaptcha: 'https://api.hcaptcha.com/siteverify',
};

/** Options of {@link captchaStep}. */
export interface CaptchaStepOptions {
  provider: CaptchaProvider;
  /** The public site key the widget renders with (the `siteKey` public parameter). */
  siteKey: string;
  /** The secret key for siteverify; from an environment variable or a secret store. */
  secret?: string;
  /**
   * The hostnames of the pages that show the widget, such as `app.example.com` (compared
   * without regard to case), or a function that accepts a hostname. Required for every real
   * provider: siteverify says a token is genuine, not that it was solved on your site, and a
   * key (a secret, for hCaptcha) serves every site it lists. Not used by `local`.
   */
  hostnames?: readonly string[] | ((hostname: string) => boolean);
  /**
   * The action the widget runs with (Turnstile's `action`, reCAPTCHA v3's `action`); sent to
   * the client as the `action` public parameter, and a token must carry exactly it. Turns a
   * token solved for another form of the same site into a wrong answer. hCaptcha has none.
   */
  action?: string;
  /**
   * reCAPTCHA v3 only: the lowest score that passes, 0 to 1 (1 is very likely a person;
   * Google suggests 0.5 to start). A token without a score (reCAPTCHA v2) then fails.
   */
  minScore?: number;
  /**
   * hCaptcha Enterprise only: the highest risk score that passes, 0 to 1. hCaptcha's score
   * counts the other way round from reCAPTCHA's: higher means more likely a bot. A token
   * without a score then fails.
   */
  maxScore?: number;
  /** Default: "Show that you are a person". */
  hint?: string;
  /** Default 3. */
  maxAttempts?: number;
  /** Another siteverify endpoint (a proxy, or a fake one in tests). */
  verifyUrl?: string;
  /** Milliseconds to wait for siteverify. Default 5000. */
  timeoutMs?: number;
}

/** The fields of a siteverify answer the step reads; providers send more. */
interface SiteverifyAnswer {
  success?: unknown;
  hostname?: unknown;
  action?: unknown;
  score?: unknown;
}

/** What a token must show, beyond `success`, to pass. */
interface Expectations {
  hostname: (hostname: string) => boolean;
  action?: string;
  minScore?: number;
  maxScore?: number;
}

/** What each provider's siteverify can answer: an action, and which way its score counts. */
const providerFields: Record<RealProvider, { action: boolean; score?: 'minScore' | 'maxScore' }> = {
  turnstile: { action: true },
  recaptcha: { action: true, score: 'minScore' },
  hcaptcha: { action: false, score: 'maxScore' },
};

/**
 * A CAPTCHA (`type: captcha`): the UI renders the provider's widget with `provider`,
 * `siteKey` and `action` and answers with its token; Verify checks the token with the
 * provider's siteverify endpoint, and then that it was solved on one of `hostnames`, for
 * `action`, and with a good enough score. A service that cannot be reached fails the check
 * loudly (it is not counted as a wrong answer). `local` accepts the built-in test widget's
 * token, needs no network, and refuses to run on AWS Lambda.
 */
export function captchaStep(options: CaptchaStepOptions): CustomChallengeStep {
  const { provider, siteKey } = options;
  if (provider !== 'local' && !(provider in siteverifyUrls)) {
    throw new RangeError(
      `provider must be turnstile, recaptcha, hcaptcha or local, got ${String(provider)}.`,
    );
  }
  if (typeof siteKey !== 'string' || siteKey === '')
    throw new TypeError('captchaStep needs a siteKey.');
  if (provider !== 'local' && !options.secret) {
    throw new TypeError(`captchaStep needs the ${provider} secret key to check tokens.`);
  }
  const expected = provider === 'local' ? undefined : validExpectations(provider, options);
  const hint = options.hint ?? 'Show that you are a person';
  const parameters = {
    provider,
    siteKey,
    ...(expected?.action === undefined ? {} : { action: expected.action }),
  };
  return {
    kind: 'custom',
    type: 'captcha',
    maxAttempts: validAttempts(options.maxAttempts ?? 3),
    // A CAPTCHA guards no secret of the account: failing it must not make its owner wait.
    guessable: false,
    create: async () => ({ hint, parameters, privateParameters: {}, metadata: '' }),
    verify: async ({ answer }) => {
      if (provider === 'local' || expected === undefined) return checkLocalToken(answer);
      // An empty token cannot pass; there is no need to ask.
      if (answer.trim() === '') return false;
      const verdict = await askProvider(
        options.verifyUrl ?? siteverifyUrls[provider],
        {
          secret: options.secret ?? '',
          response: answer,
          // hCaptcha's secret is the account's, shared by all its site keys: naming the key
          // makes siteverify refuse a token solved for another one.
          ...(provider === 'hcaptcha' ? { sitekey: siteKey } : {}),
        },
        options.timeoutMs ?? 5000,
      );
      return tokenPasses(verdict, expected);
    },
  };
}

/** Checks the options that bind a token to this site, so a mistake fails on deploy. */
function validExpectations(provider: RealProvider, options: CaptchaStepOptions): Expectations {
  const fields = providerFields[provider];
  const { action, minScore, maxScore } = options;
  if (action !== undefined && !fields.action) {
    throw new TypeError(`${provider} sends no action; leave action out.`);
  }
  if (action !== undefined && (typeof action !== 'string' || action === '')) {
    throw new TypeError('action must be a non-empty string: the one the widget runs with.');
  }
  if (minScore !== undefined && fields.score !== 'minScore') {
    throw new TypeError('minScore is for recaptcha (v3); hcaptcha counts risk: use maxScore.');
  }
  if (maxScore !== undefined && fields.score !== 'maxScore') {
    throw new TypeError('maxScore is for hcaptcha (Enterprise); recaptcha v3 uses minScore.');
  }
  for (const [name, score] of [
    ['minScore', minScore],
    ['maxScore', maxScore],
  ] as const) {
    if (score !== undefined && !(typeof score === 'number' && score >= 0 && score <= 1)) {
      throw new RangeError(`${name} must be a number from 0 to 1, got ${String(score)}.`);
    }
  }
  return { hostname: hostnameRule(provider, options.hostnames), action, minScore, maxScore };
}

function hostnameRule(
  provider: RealProvider,
  hostnames: CaptchaStepOptions['hostnames'],
): (hostname: string) => boolean {
  if (typeof hostnames === 'function') return hostnames;
  if (!Array.isArray(hostnames) || hostnames.length === 0) {
    throw new TypeError(
      `captchaStep needs hostnames for ${provider}: the hostnames of the pages that show the ` +
        'widget. Without them a token solved on any other site using the same key would pass.',
    );
  }
  const allowed = new Set<string>();
  for (const hostname of hostnames) {
    if (typeof hostname !== 'string' || !/^[a-z0-9.-]+$/i.test(hostname)) {
      throw new TypeError(
        `hostnames are names such as app.example.com, without scheme or port, got ${String(hostname)}.`,
      );
    }
    allowed.add(hostname.toLowerCase());
  }
  return (hostname) => allowed.has(hostname.toLowerCase());
}

/**
 * Whether siteverify's answer shows a token solved by a person on this site: `success`, then
 * each field this step expects, present and matching. A field the provider left out fails,
 * so a token of another kind (reCAPTCHA v2 for a v3 site) proves nothing it lacks.
 */
function tokenPasses(answer: SiteverifyAnswer, expected: Expectations): boolean {
  if (answer.success !== true) return false;
  if (typeof answer.hostname !== 'string' || !expected.hostname(answer.hostname)) return false;
  if (expected.action !== undefined && answer.action !== expected.action) return false;
  const { score } = answer;
  if (expected.minScore !== undefined || expected.maxScore !== undefined) {
    if (typeof score !== 'number' || Number.isNaN(score)) return false;
    if (expected.minScore !== undefined && score < expected.minScore) return false;
    if (expected.maxScore !== undefined && score > expected.maxScore) return false;
  }
  return true;
}

function checkLocalToken(answer: string): boolean {
  if (process.env.AWS_LAMBDA_FUNCTION_NAME) {
    throw new Error('The local CAPTCHA provider is for offline use only; pick a real provider.');
  }
  return answer === LOCAL_CAPTCHA_TOKEN;
}

async function askProvider(
  url: string,
  form: Record<string, string>,
  timeoutMs: number,
): Promise<SiteverifyAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) {
    throw new Error(`The CAPTCHA service answered ${response.status}; the token was not checked.`);
  }
  const answer: unknown = await response.json();
  return typeof answer === 'object' && answer !== null ? answer : {};
}
