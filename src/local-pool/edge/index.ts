// What of the local pool a runtime without Node.js's modules can load (Next.js's edge runtime).

export { redirectCognitoJwksFetch } from '../local-aids/cognito-jwks-fetch-redirect.ts';
export type {
  CognitoJwksRedirectOptions,
  StopCognitoJwksRedirect,
} from '../local-aids/cognito-jwks-urls.ts';
