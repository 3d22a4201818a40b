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
 * Amplify keeps its tokens in memory, which a page starts without. Cookies are not read: apps
 * that keep tokens there render on a server, whose page shows the form first in any case.
 */
export function storedToResume(): boolean {
  try {
    const names = Object.keys({ ...localStorage, ...sessionStorage }).join();
    return /\.(accessToken|pendingChallenge)\b/.test(names);
  } catch {
    return false;
  }
}

/** A quick check that fails cannot rule anything out. */
export const nothingToResume = (services: Pick<CustomAuthServices, 'mayResume'>) =>
  ignoreFailure(() => services.mayResume()) === false;
