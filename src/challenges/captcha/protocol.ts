import type { ChallengeBase, ChallengeProtocol, ParameterRow } from '../protocol.ts';

/** A CAPTCHA; the answer is the token the provider's widget gives. */
export interface CaptchaChallengeInfo extends ChallengeBase {
  type: 'captcha';
  /** `turnstile`, `recaptcha`, `hcaptcha` or `local`. */
  provider: string;
  siteKey: string;
}

/** What the `local` provider's widget answers once ticked. Useless anywhere but offline. */
export const LOCAL_CAPTCHA_TOKEN = 'local-captcha-passed';

/** Its rows of the wire protocol's table (docs/challenges.md). */
export const captchaParameterRows: readonly ParameterRow[] = [
  {
    names: ['provider', 'siteKey', 'action'],
    meaning:
      "`captcha`: `turnstile`, `recaptcha`, `hcaptcha` or `local`; the action to run the widget with, when the trigger checks one; the answer is the widget's token",
  },
];

export const captchaProtocol: ChallengeProtocol<CaptchaChallengeInfo> = {
  read: ({ provider, siteKey }) => ({
    type: 'captcha',
    provider: provider ?? '',
    siteKey: siteKey ?? '',
  }),
};
