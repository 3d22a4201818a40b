export { serviceActors } from './actors';
export { amplifyServices, type CustomAuthServices, toSignInStep } from './amplify';
export type { CustomAuthContext, CustomAuthEvent } from './context';
export { defaultTiming } from './context';
export {
  type CustomAuthError,
  type CustomAuthErrorCode,
  defaultErrorMessages,
  toAuthError,
} from './errors';
export { type CustomAuthMachine, customAuthMachine, withServices } from './machine';
export { generatePassword } from './password';
export type * from './types';
export { inputLimits } from './validation';
export { type CustomAuthSnapshot, type CustomAuthView, routeOf, viewOf } from './view';
