import type {
  CreateAuthChallengeTriggerEvent,
  DefineAuthChallengeTriggerEvent,
  VerifyAuthChallengeResponseTriggerEvent,
} from 'aws-lambda';

/** A Define Auth Challenge Lambda handler; it returns the event with its response filled in. */
export type DefineAuthChallengeHandler = (
  event: DefineAuthChallengeTriggerEvent,
) => Promise<DefineAuthChallengeTriggerEvent>;

/** A Create Auth Challenge Lambda handler; it returns the event with its response filled in. */
export type CreateAuthChallengeHandler = (
  event: CreateAuthChallengeTriggerEvent,
) => Promise<CreateAuthChallengeTriggerEvent>;

/** A Verify Auth Challenge Response Lambda handler; it returns the event with its verdict. */
export type VerifyAuthChallengeResponseHandler = (
  event: VerifyAuthChallengeResponseTriggerEvent,
) => Promise<VerifyAuthChallengeResponseTriggerEvent>;

/** The three handlers of a chain; attach each to its trigger. */
export interface CustomAuthTriggers {
  defineAuthChallenge: DefineAuthChallengeHandler;
  createAuthChallenge: CreateAuthChallengeHandler;
  verifyAuthChallengeResponse: VerifyAuthChallengeResponseHandler;
}
