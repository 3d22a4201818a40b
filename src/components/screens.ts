import type { ComponentType } from 'react';
import type { CustomAuthRoute } from '../machine/index.ts';
import type { AnswerPartOption } from './challenge/answer-part.ts';
import { ChallengeForm } from './challenge/ChallengeForm.tsx';
import { ConfirmSignUpForm } from './confirm-sign-up/ConfirmSignUpForm.tsx';
import { SignInForm } from './sign-in/SignInForm.tsx';
import { SignedInView } from './signed-in/SignedInView.tsx';

/**
 * What `components` may replace: the frame around the screens, any whole screen, or the
 * answer part of a challenge type (`challenges: { captcha: MyCaptcha }`).
 */
export interface AuthenticatorComponents {
  /**
   * Answer parts by challenge type name: a component, or an `AnswerPart` that also tells the
   * frame what it needs (`{ Answer: MyPasskey, submitsItself: true }` for no Confirm button).
   * A part renders inside the drop-in's challenge form, under its title, hint and step line
   * and above its Confirm button: it renders its fields only (never a `<form>`: the drop-in's
   * form submits), spreads `fieldProps` on its input, and answers with `submit(value)` when a
   * value is not typed (a widget's token, a pick). Under a built-in name (`code`, `captcha`),
   * a bare component keeps the kit's settings for it (a code's title, no Confirm for a CAPTCHA).
   */
  challenges: Readonly<Record<string, AnswerPartOption>>;
  Header: ComponentType;
  Footer: ComponentType;
  SignIn: ComponentType;
  Challenge: ComponentType;
  SignUp: ComponentType;
  ConfirmSignUp: ComponentType;
  SignedIn: ComponentType;
}

export const defaultScreens = {
  SignIn: SignInForm,
  Challenge: ChallengeForm,
  ConfirmSignUp: ConfirmSignUpForm,
  SignedIn: SignedInView,
} satisfies Partial<AuthenticatorComponents>;

export const screenForRoute: Record<
  Exclude<CustomAuthRoute, 'initializing'>,
  Exclude<keyof AuthenticatorComponents, 'Header' | 'Footer' | 'challenges'>
> = {
  signIn: 'SignIn',
  challenge: 'Challenge',
  signUp: 'SignUp',
  confirmSignUp: 'ConfirmSignUp',
  signedIn: 'SignedIn',
};
