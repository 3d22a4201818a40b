export { serviceActors } from './actors.ts';
export { amplifyServices, type CustomAuthServices, toSignInStep } from './amplify.ts';
export { amplifySignUp } from './amplify-sign-up.ts';
export type { CustomAuthContext, CustomAuthEvent } from './context.ts';
export { defaultTiming } from './context.ts';
export {
  type CustomAuthError,
  type CustomAuthErrorCode,
  toAuthError,
} from './errors.ts';
export { type CustomAuthMachine, customAuthMachine, withServices } from './machine.ts';
export { generatePassword } from './password.ts';
export { type PendingChallenge, parsePendingChallenge } from './pending-challenge.ts';
export { type SignInLinkOptions, signInLinks } from './sign-in-links.ts';
export type * from './types.ts';
export { inputLimits } from './validation.ts';
export { type CustomAuthSnapshot, type CustomAuthView, routeOf, viewOf } from './view.ts';
