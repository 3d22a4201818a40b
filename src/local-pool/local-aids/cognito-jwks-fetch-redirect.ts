import {
  type CognitoJwksRedirectOptions,
  cognitoJwksUrls,
  type StopCognitoJwksRedirect,
} from './cognito-jwks-urls.ts';

/**
 * `redirectCognitoJwks` for runtimes that have only `fetch`, such as Next.js's edge runtime,
 * where aws-jwt-verify fetches its keys with it: the one request for the keys of `userPoolId`
 * at Cognito goes to the local pool, every other one where it was going. Nothing in it needs
 * Node.js; it takes the same pools and endpoints, and no others.
 */
export function redirectCognitoJwksFetch(
  options: CognitoJwksRedirectOptions,
): StopCognitoJwksRedirect {
  const { cognito, local } = cognitoJwksUrls(options);
  const original = globalThis.fetch;
  const redirected: typeof fetch = (input, init) => {
    const href = input instanceof Request ? input.url : String(input);
    if (href !== cognito) return original(input, init);
    // A Request carries its own signal and headers: keep them, at the pool's address.
    return original(input instanceof Request ? new Request(local, input) : local, init);
  };
  globalThis.fetch = redirected;
  return () => {
    if (globalThis.fetch === redirected) globalThis.fetch = original;
  };
}
