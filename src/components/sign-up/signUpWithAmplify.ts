import type { ComponentType } from 'react';
import { amplifySignUp, type CustomAuthServices } from '../../machine/index.ts';
import { SignUpForm } from './SignUpForm.tsx';

/** What the drop-in needs to offer sign-up: the screen, and the call that registers. */
export interface SignUpOption {
  Screen: ComponentType;
  service: CustomAuthServices['signUp'];
}

/**
 * The drop-in's sign-up screen with Amplify's `signUp`: `<CustomAuthenticator
 * signUp={signUpWithAmplify} />`. Opt-in, so that apps without sign-up do not ship it.
 */
export const signUpWithAmplify: SignUpOption = {
  Screen: SignUpForm,
  service: amplifySignUp,
};
