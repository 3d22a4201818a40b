export type { SignUpAttribute } from './AuthUiContext.tsx';
export {
  CustomAuthenticator,
  type CustomAuthenticatorProps,
  type SignedInRenderProps,
} from './CustomAuthenticator.tsx';
export {
  CaptchaChallenge,
  type CaptchaChallengeProps,
  type CaptchaWidgetProps,
} from './challenge/CaptchaChallenge.tsx';
export { ChallengeForm } from './challenge/ChallengeForm.tsx';
export { ChoiceChallenge } from './challenge/ChoiceChallenge.tsx';
export { CodeChallenge } from './challenge/CodeChallenge.tsx';
export { TextChallenge } from './challenge/TextChallenge.tsx';
export { CodeInput, type CodeInputProps } from './code-input/CodeInput.tsx';
export { ConfirmSignUpForm } from './confirm-sign-up/ConfirmSignUpForm.tsx';
export {
  ar,
  da,
  de,
  en,
  errorText,
  es,
  fr,
  he,
  hi,
  id,
  it,
  ja,
  ko,
  type Locale,
  type MessageOverrides,
  type Messages,
  nb,
  nl,
  type PluralText,
  pl,
  ptBR,
  ru,
  sv,
  tr,
  uk,
  vi,
  zhHans,
} from './messages/index.ts';
export type { AuthenticatorComponents } from './screens.ts';
export { SignInForm } from './sign-in/SignInForm.tsx';
export { SignUpForm } from './sign-up/SignUpForm.tsx';
export { type SignUpOption, signUpWithAmplify } from './sign-up/signUpWithAmplify.ts';
export { SignedInView } from './signed-in/SignedInView.tsx';
