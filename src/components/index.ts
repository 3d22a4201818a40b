export {
  CaptchaChallenge,
  type CaptchaChallengeProps,
  type CaptchaWidgetProps,
} from '../challenges/captcha/CaptchaChallenge.tsx';
export { ChoiceChallenge } from '../challenges/choice/ChoiceChallenge.tsx';
export { CodeChallenge, WebOtpCodeChallenge } from '../challenges/code/CodeChallenge.tsx';
export {
  type PasskeyAutofillSignIn,
  passkeyAutofillSignIn,
  usePasskeyAutofill,
} from '../challenges/passkey/PasskeyAutofill.tsx';
export {
  PasskeyChallenge,
  passkeyPart,
} from '../challenges/passkey/PasskeyChallenge.tsx';
export {
  PasskeyEnrollment,
  passkeyEnrollmentPart,
} from '../challenges/passkey/PasskeyEnrollment.tsx';
export {
  PasskeyManager,
  type PasskeyManagerProps,
  passkeyManagerEnglish,
} from '../challenges/passkey/PasskeyManager.tsx';
export { TextChallenge } from '../challenges/text/TextChallenge.tsx';
export type { SignUpAttribute } from './AuthUiContext.tsx';
export {
  CustomAuthenticator,
  type CustomAuthenticatorProps,
  type SignedInRenderProps,
} from './CustomAuthenticator.tsx';
export type { AnswerPart, AnswerPartOption } from './challenge/answer-part.ts';
export { ChallengeForm } from './challenge/ChallengeForm.tsx';
export { CodeInput, type CodeInputProps } from './code-input/CodeInput.tsx';
export { useWebOtp } from './code-input/useWebOtp.ts';
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
export type { PasswordPolicy } from './sign-up/passwordPolicy.ts';
export { SignUpForm } from './sign-up/SignUpForm.tsx';
export { type SignUpOption, signUpWithAmplify } from './sign-up/signUpWithAmplify.ts';
export { SignedInView } from './signed-in/SignedInView.tsx';
