// What the package ships prebuilt for AWS Lambda (dist/cdk/handlers/index.mjs): the three
// triggers, and the two passkey functions behind function URLs.
export {
  passkeyChallenge,
  passkeyManagement,
} from '../../challenges/passkey/server/ready-functions.ts';
export {
  createAuthChallenge,
  defineAuthChallenge,
  verifyAuthChallengeResponse,
} from './ready-handlers.ts';
