import { type CustomChallengeStep, validAttempts } from './chain-steps.ts';

/** The CAPTCHA services a step can check with, and `local` for offline use. */
export type CaptchaProvider = 'turnstile' | 'recaptcha' | 'hcaptcha' | 'local';

/** Each provider's documented endpoint for checking a token on the server. */
export const siteverifyUrls: Record<Exclude<CaptchaProvider, 'local'>, string> = {
  turnstile: 'https://challenges.cloudflare.com/turnstile/v0/siteverify',
  recaptcha: 'https://www.google.com/recaptcha/api/siteverify',
  hcaptcha: 'https://api.hcaptcha.com/siteverify',
};

/** What the `local` provider's widget answers once ticked. Useless anywhere but offline. */
export const LOCAL_CAPTCHA_TOKEN = 'local-captcha-passed';

/** Options of {@link captchaStep}. */
export interface CaptchaStepOptions {
  provider: CaptchaProvider;
  /** The public site key the widget renders with (the `siteKey` public parameter). */
  siteKey: string;
  /** The secret key for siteverify; from an environment variable or a secret store. */
  secret?: string;
  /** Default: "Show that you are a person". */
  hint?: string;
  /** Default 3. */
  maxAttempts?: number;
  /** Another siteverify endpoint (a proxy, or a fake one in tests). */
  verifyUrl?: string;
  /** Milliseconds to wait for siteverify. Default 5000. */
  timeoutMs?: number;
}

interface SiteverifyAnswer {
  success?: unknown;
}

/**
 * A CAPTCHA (`type: captcha`): the UI renders the provider's widget with `provider` and
 * `siteKey` and answers with its token; Verify checks the token with the provider's
 * siteverify endpoint. A service that cannot be reached fails the check loudly (it is not
 * counted as a wrong answer). `local` accepts the built-in test widget's token, needs no
 * network, and refuses to run on AWS Lambda.
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
  const hint = options.hint ?? 'Show that you are a person';
  const parameters = { provider, siteKey };
  return {
    kind: 'custom',
    type: 'captcha',
    maxAttempts: validAttempts(options.maxAttempts ?? 3),
    create: async () => ({ hint, parameters, privateParameters: {}, metadata: '' }),
    verify: async ({ answer }) => {
      if (provider === 'local') return checkLocalToken(answer);
      return checkWithProvider(options.verifyUrl ?? siteverifyUrls[provider], {
        secret: options.secret ?? '',
        response: answer,
        timeoutMs: options.timeoutMs ?? 5000,
      });
    },
  };
}

function checkLocalToken(answer: string): boolean {
  if (process.env.AWS_LAMBDA_FUNCTION_NAME) {
    throw new Error('The local CAPTCHA provider is for offline use only; pick a real provider.');
  }
  return answer === LOCAL_CAPTCHA_TOKEN;
}

async function checkWithProvider(
  url: string,
  request: { secret: string; response: string; timeoutMs: number },
): Promise<boolean> {
  // An empty token cannot pass; there is no need to ask.
  if (request.response.trim() === '') return false;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ secret: request.secret, response: request.response }),
    signal: AbortSignal.timeout(request.timeoutMs),
  });
  if (!response.ok) {
    throw new Error(`The CAPTCHA service answered ${response.status}; the token was not checked.`);
  }
  const answer = (await response.json()) as SiteverifyAnswer;
  return answer.success === true;
}
