import http from 'node:http';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import {
  type CognitoJwksRedirectOptions,
  cognitoJwksUrls,
  type StopCognitoJwksRedirect,
} from './cognito-jwks-urls.ts';

type Request = typeof https.request;

/**
 * The one request for the keys of `userPoolId` at Cognito
 * (`https://cognito-idp.xx-local-1.amazonaws.com/<id>/.well-known/jwks.json`) goes to the local
 * pool instead, and every other request goes where it was going. aws-jwt-verify, which
 * `@aws-amplify/adapter-nextjs` checks the cookies' tokens with and offers no way to point
 * elsewhere, fetches its keys through `https.request` on Node.js; so the adapter accepts the
 * tokens of a pool run with `--cognito-issuer`. It vouches only for pools in `xx-local-1`, a
 * region no deployed pool is in, and only for an endpoint on this machine: the keys of a
 * deployed pool are fetched from Cognito whether it is on or not, so a build that calls it by
 * mistake in production still checks its own pool's tokens against Cognito's keys. On the edge
 * runtime, where there is only `fetch`, `redirectCognitoJwksFetch` does the same.
 */
export function redirectCognitoJwks(options: CognitoJwksRedirectOptions): StopCognitoJwksRedirect {
  const { cognito, local } = cognitoJwksUrls(options);
  const original = https.request;
  const redirected = function (this: unknown, ...args: Parameters<Request>) {
    const [target, ...rest] = args as unknown[];
    const href = target instanceof URL ? target.href : target;
    if (href !== cognito) return Reflect.apply(original, this, args);
    return Reflect.apply(http.request, this, [local, ...rest]);
  } as Request;
  https.request = redirected;
  // Modules that imported `request` by name see the change too.
  syncBuiltinESMExports();
  return () => {
    if (https.request !== redirected) return;
    https.request = original;
    syncBuiltinESMExports();
  };
}
