import type { CustomAuthServices } from './services.ts';

export function ignoreFailure<T>(call: () => T): T | undefined {
  try {
    return call();
  } catch {
    return undefined;
  }
}

/**
 * Something to resume: an access token Amplify stored (as
 * `CognitoIdentityServiceProvider.<client>.<user>.accessToken`, in localStorage by default or in
 * sessionStorage if the app said so), or a challenge the kit kept. Where neither can be read,
 * Amplify keeps its tokens in memory, which a page starts without. Cookies are read only by
 * `mayResumeWithCookies`, which apps that keep tokens there opt into.
 */
export function storedToResume(): boolean {
  try {
    const names = Object.keys({ ...localStorage, ...sessionStorage }).join();
    return /\.(accessToken|pendingChallenge)\b/.test(names);
  } catch {
    return false;
  }
}

const amplifyTokenCookie = /(?:^|;\s*)CognitoIdentityServiceProvider\.[^=;]+\.accessToken=/;

/**
 * `mayResume` for Amplify configured with `{ ssr: true }`, which keeps its tokens in cookies:
 * with `services={{ mayResume: mayResumeWithCookies }}` a signed-in reload shows the session
 * being checked, not the sign-in form first. It looks where `amplifyServices.mayResume` looks,
 * and in `document.cookie`.
 */
export function mayResumeWithCookies(): boolean {
  return (
    storedToResume() ||
    (typeof document !== 'undefined' && amplifyTokenCookie.test(document.cookie))
  );
}

/** A quick check that fails cannot rule anything out. */
export const nothingToResume = (services: Pick<CustomAuthServices, 'mayResume'>) =>
  ignoreFailure(() => services.mayResume()) === false;
