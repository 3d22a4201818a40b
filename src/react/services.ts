import { amplifyServices, type CustomAuthServices } from '../machine/index.ts';

/**
 * Services that always call the latest replacement the app passed, falling back to Amplify,
 * so an inline `services={{ ... }}` object never restarts the statechart.
 */
export function latestServices(current: () => Partial<CustomAuthServices> | undefined) {
  const pick = <K extends keyof CustomAuthServices>(name: K): CustomAuthServices[K] =>
    current()?.[name] ?? amplifyServices[name];
  return {
    getCurrentUser: () => pick('getCurrentUser')(),
    signIn: (request) => pick('signIn')(request),
    confirmSignIn: (answer) => pick('confirmSignIn')(answer),
    signUp: (request) => pick('signUp')(request),
    confirmSignUp: (request) => pick('confirmSignUp')(request),
    resendSignUpCode: (username) => pick('resendSignUpCode')(username),
    autoSignIn: () => pick('autoSignIn')(),
    signOut: () => pick('signOut')(),
    listenForSignOut: (onSignedOut) => pick('listenForSignOut')(onSignedOut),
    savePendingChallenge: (pending) => pick('savePendingChallenge')(pending),
    loadPendingChallenge: () => pick('loadPendingChallenge')(),
  } satisfies CustomAuthServices;
}
