import http from 'node:http';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import { cognitoShapedPoolId } from '../pool/options.ts';
import { isLoopbackOrigin } from './loopback.ts';

/** Where the keys of a pool with a Cognito-style issuer are fetched from, and from where instead. */
export interface CognitoJwksRedirectOptions {
  /** The local pool's endpoint (`http://127.0.0.1:9229`). */
  endpoint: string;
  /** The pool's Cognito-shaped id (`us-east-1_CustomAuth`, a pool run with `--cognito-issuer`). */
  userPoolId: string;
}

/** Puts `https.request` back as it was. */
export type StopCognitoJwksRedirect = () => void;

type Request = typeof https.request;

/**
 * Development only: the one request for the keys of `userPoolId` at Cognito
 * (`https://cognito-idp.<region>.amazonaws.com/<id>/.well-known/jwks.json`) goes to the local
 * pool instead, and every other request goes where it was going. aws-jwt-verify, which
 * `@aws-amplify/adapter-nextjs` checks the cookies' tokens with and offers no way to point
 * elsewhere, fetches its keys through `https.request`; so the adapter accepts the tokens of a
 * pool run with `--cognito-issuer`. Refused when `NODE_ENV` is `production`, and for any
 * endpoint off this machine or a pool id no deployed pool could have been told apart from.
 */
export function redirectCognitoJwks(options: CognitoJwksRedirectOptions): StopCognitoJwksRedirect {
  if (process.env.NODE_ENV === 'production') {
    throw new Error('redirectCognitoJwks is for development: NODE_ENV is production.');
  }
  const { endpoint, userPoolId } = options ?? ({} as CognitoJwksRedirectOptions);
  if (typeof endpoint !== 'string' || !isLoopbackOrigin(endpoint)) {
    throw new TypeError(`endpoint must be the local pool's, on this machine; got ${endpoint}.`);
  }
  if (typeof userPoolId !== 'string' || !cognitoShapedPoolId.test(userPoolId)) {
    throw new TypeError(
      `userPoolId must be the Cognito-shaped id of a pool run with --cognito-issuer, such as us-east-1_CustomAuth; got ${userPoolId}.`,
    );
  }
  const region = userPoolId.slice(0, userPoolId.indexOf('_'));
  const cognitoKeys = `https://cognito-idp.${region}.amazonaws.com/${userPoolId}/.well-known/jwks.json`;
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
