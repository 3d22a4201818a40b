import type {
  CreateAuthChallengeTriggerEvent,
  DefineAuthChallengeTriggerEvent,
  VerifyAuthChallengeResponseTriggerEvent,
} from 'aws-lambda';

export type SessionEntry = DefineAuthChallengeTriggerEvent['request']['session'][number];

const base = {
  version: '1',
  region: 'eu-west-1',
  userPoolId: 'eu-west-1_AbCdEf123',
  userName: 'alice',
  callerContext: {
    awsSdkVersion: 'aws-sdk-unknown-unknown',
    clientId: '4e2h1b9kq7s0d3v5n8m6c1x2z',
  },
};

/** A confirmed user with a verified email, as Cognito passes `userAttributes`. */
export const aliceAttributes = {
  sub: '6a3f0c1e-2b4d-4e8f-9a7b-1c2d3e4f5a6b',
  email_verified: 'true',
  'cognito:user_status': 'CONFIRMED',
  email: 'alice@example.com',
};

export const srpA: SessionEntry = { challengeName: 'SRP_A', challengeResult: true };

export function passwordVerifier(challengeResult: boolean): SessionEntry {
  return { challengeName: 'PASSWORD_VERIFIER', challengeResult };
}

export function customChallenge(
  challengeResult: boolean,
  challengeMetadata?: string,
): SessionEntry {
  return { challengeName: 'CUSTOM_CHALLENGE', challengeResult, challengeMetadata };
}

interface EventOverrides {
  userName?: string;
  userAttributes?: Record<string, string>;
  userNotFound?: boolean;
}

export function defineEvent(
  session: SessionEntry[],
  overrides: EventOverrides = {},
): DefineAuthChallengeTriggerEvent {
  return {
    ...base,
    userName: overrides.userName ?? base.userName,
    triggerSource: 'DefineAuthChallenge_Authentication',
    request: {
      userAttributes: overrides.userAttributes ?? { ...aliceAttributes },
      session,
      userNotFound: overrides.userNotFound ?? false,
    },
    response: { issueTokens: false, failAuthentication: false },
  };
}

export function createEvent(
  session: SessionEntry[],
  overrides: EventOverrides & { challengeName?: string } = {},
): CreateAuthChallengeTriggerEvent {
  return {
    ...base,
    userName: overrides.userName ?? base.userName,
    triggerSource: 'CreateAuthChallenge_Authentication',
    request: {
      userAttributes: overrides.userAttributes ?? { ...aliceAttributes },
      challengeName: overrides.challengeName ?? 'CUSTOM_CHALLENGE',
      session,
      userNotFound: overrides.userNotFound ?? false,
    },
    response: {
      publicChallengeParameters: {},
      privateChallengeParameters: {},
      challengeMetadata: '',
    },
  };
}

export function verifyEvent(
  challengeAnswer: string,
  privateChallengeParameters: Record<string, string>,
  overrides: EventOverrides = {},
): VerifyAuthChallengeResponseTriggerEvent {
  return {
    ...base,
    userName: overrides.userName ?? base.userName,
    triggerSource: 'VerifyAuthChallengeResponse_Authentication',
    request: {
      userAttributes: overrides.userAttributes ?? { ...aliceAttributes },
      privateChallengeParameters,
      challengeAnswer,
      userNotFound: overrides.userNotFound ?? false,
    },
    response: { answerCorrect: false },
  };
}
