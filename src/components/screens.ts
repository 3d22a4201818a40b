import type { ComponentType } from 'react';
import type { CustomAuthRoute } from '../machine/index.ts';
import { ChallengeForm } from './challenge/ChallengeForm.tsx';
import { ConfirmSignUpForm } from './confirm-sign-up/ConfirmSignUpForm.tsx';
import { SignInForm } from './sign-in/SignInForm.tsx';
import { SignUpForm } from './sign-up/SignUpForm.tsx';
import { SignedInView } from './signed-in/SignedInView.tsx';

/** What `components` may replace: the frame around the screens, or any whole screen. */
export interface AuthenticatorComponents {
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
  SignUp: SignUpForm,
  ConfirmSignUp: ConfirmSignUpForm,
  SignedIn: SignedInView,
} satisfies Partial<AuthenticatorComponents>;

export const screenForRoute: Record<
  Exclude<CustomAuthRoute, 'initializing'>,
  keyof typeof defaultScreens
> = {
  signIn: 'SignIn',
  challenge: 'Challenge',
  signUp: 'SignUp',
  confirmSignUp: 'ConfirmSignUp',
  signedIn: 'SignedIn',
};
