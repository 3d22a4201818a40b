export {
  type CustomAuthActor,
  CustomAuthProvider,
  type CustomAuthProviderProps,
} from './CustomAuthProvider.tsx';
export type { CustomAuthCommands } from './commands.ts';
export { type ChallengeControls, useChallenge } from './useChallenge.ts';
export { type CustomAuth, useCustomAuth, useCustomAuthActor } from './useCustomAuth.ts';
