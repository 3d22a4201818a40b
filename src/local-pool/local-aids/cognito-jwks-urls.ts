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

/** Puts back what the redirect replaced. */
export type StopCognitoJwksRedirect = () => void;

/**
 * The URL a verifier fetches the pool's keys from at Cognito, and the pool's own. Only a pool in
 * `xx-local-1` on this machine: never one a deployed pool's keys could be taken for.
 */
export function cognitoJwksUrls(options: CognitoJwksRedirectOptions): {
  cognito: string;
  local: URL;
} {
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
  return {
    cognito: `https://cognito-idp.${localRegion}.amazonaws.com/${userPoolId}/.well-known/jwks.json`,
    local: new URL(`/${userPoolId}/.well-known/jwks.json`, endpoint),
  };
}
