import type { ComponentType, Ref } from 'react';
import { useAuthUi } from '../../components/AuthUiContext.tsx';
import type { Messages } from '../../components/messages/index.ts';
import type { ChallengeControls } from '../../react/index.ts';
import { LOCAL_CAPTCHA_TOKEN } from './protocol.ts';

/**
 * The part's English, under the locale's words: `en` leaves it out, so that apps without the
 * part do not ship it.
 */
export const captchaEnglish = {
  captchaLocal: 'I am a person (local test check)',
  captchaUnavailable: 'This check cannot be shown here. Try again later.',
} satisfies Partial<Messages>;

/** What a CAPTCHA widget gets: the site key, and where to hand the token once solved. */
export interface CaptchaWidgetProps {
  siteKey: string;
  /**
   * The action to run the widget with (Turnstile's and reCAPTCHA v3's `action`), when the
   * trigger checks tokens for one: a token solved with another is refused.
   */
  action?: string;
  onToken: (token: string) => void;
  disabled: boolean;
  /** For the widget's own focusable input, if it has one: focus goes there at each round. */
  inputRef?: Ref<HTMLInputElement>;
}

/** The `local` provider's test widget: one checkbox, no network, no keys. Never on AWS. */
export function LocalCaptcha({ onToken, disabled, inputRef }: CaptchaWidgetProps) {
  const { messages } = useAuthUi();
  return (
    <label data-part="captcha">
      <input
        type="checkbox"
        ref={inputRef}
        disabled={disabled}
        onChange={(event) => {
          if (event.target.checked) onToken(LOCAL_CAPTCHA_TOKEN);
        }}
      />
      {messages.captchaLocal ?? captchaEnglish.captchaLocal}
    </label>
  );
}

export interface CaptchaChallengeProps extends ChallengeControls {
  /** Widgets by provider name, over the built-in `local` one. */
  widgets?: Readonly<Record<string, ComponentType<CaptchaWidgetProps>>>;
}

/**
 * The answer part for CAPTCHAs (`type: captcha`): renders the widget for the challenge's
 * provider and answers with its token as soon as it has one. Opt-in. `local` comes built in;
 * wrap it to add your Turnstile, reCAPTCHA or hCaptcha widget:
 * `const Captcha = (props) => <CaptchaChallenge {...props} widgets={{ turnstile: MyTurnstile }} />`
 * and `components={{ challenges: { captcha: Captcha } }}`.
 */
export function CaptchaChallenge({
  challenge,
  submit,
  isPending,
  fieldProps,
  widgets,
}: CaptchaChallengeProps) {
  const { messages } = useAuthUi();
  if (challenge.type !== 'captcha') return null;
  const Widget = challenge.provider === 'local' ? LocalCaptcha : widgets?.[challenge.provider];
  if (!Widget)
    return (
      <p data-part="captcha">{messages.captchaUnavailable ?? captchaEnglish.captchaUnavailable}</p>
    );
  // A new round starts the widget afresh.
  return (
    <Widget
      key={challenge.round}
      siteKey={challenge.siteKey}
      action={challenge.parameters.action}
      onToken={submit}
      disabled={isPending}
      inputRef={fieldProps.ref}
    />
  );
}
