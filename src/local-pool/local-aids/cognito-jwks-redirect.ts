import http from 'node:http';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import { cognitoShapedPoolId, localRegion } from '../pool/options.ts';
import { isLoopbackOrigin } from './loopback.ts';

/** Where the keys of a pool with a Cognito-style issuer are fetched from, and from where instead. */
export interface CognitoJwksRedirectOptions {
  /** The local pool's endpoint (`http://127.0.0.1:9229`). */
  endpoint: string;
  /**
   * The id of a pool run with `--cognito-issuer`, in the region no deployed pool is in:
   * `xx-local-1_CustomAuth` by default.
   */
  userPoolId: string;
}

/** Puts `https.request` back as it was. */
export type StopCognitoJwksRedirect = () => void;

type Request = typeof https.request;

/**
 * The one request for the keys of `userPoolId` at Cognito
 * (`https://cognito-idp.xx-local-1.amazonaws.com/<id>/.well-known/jwks.json`) goes to the local
 * pool instead, and every other request goes where it was going. aws-jwt-verify, which
 * `@aws-amplify/adapter-nextjs` checks the cookies' tokens with and offers no way to point
 * elsewhere, fetches its keys through `https.request`; so the adapter accepts the tokens of a
 * pool run with `--cognito-issuer`. It vouches only for pools in `xx-local-1`, a region no
 * deployed pool is in, and only for an endpoint on this machine: the keys of a deployed pool are
 * fetched from Cognito whether it is on or not, so a build that calls it by mistake in
 * production still checks its own pool's tokens against Cognito's keys.
 */
export function redirectCognitoJwks(options: CognitoJwksRedirectOptions): StopCognitoJwksRedirect {
  const { endpoint, userPoolId } = options ?? ({} as CognitoJwksRedirectOptions);
  if (typeof endpoint !== 'string' || !isLoopbackOrigin(endpoint)) {
    throw new TypeError(`endpoint must be the local pool's, on this machine; got ${endpoint}.`);
  }
  if (
    typeof userPoolId !== 'string' ||
    !cognitoShapedPoolId.test(userPoolId) ||
    !userPoolId.startsWith(`${localRegion}_`)
  ) {
    throw new TypeError(
      `userPoolId must be a pool id in ${localRegion}, the region no deployed pool is in, as a pool run with --cognito-issuer has (${localRegion}_CustomAuth); got ${userPoolId}.`,
    );
  }
  const cognitoKeys = `https://cognito-idp.${localRegion}.amazonaws.com/${userPoolId}/.well-known/jwks.json`;
  const localKeys = new URL(`/${userPoolId}/.well-known/jwks.json`, endpoint);
  const original = https.request;
  const redirected = function (this: unknown, ...args: Parameters<Request>) {
    const [target, ...rest] = args as unknown[];
    const href = target instanceof URL ? target.href : target;
    if (href !== cognitoKeys) return Reflect.apply(original, this, args);
    return Reflect.apply(http.request, this, [localKeys, ...rest]);
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
