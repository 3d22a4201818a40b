import { verifiedAttributes } from '../persistence/pool-data.ts';
import type { StoredUser } from '../persistence/pool-store.ts';
import type { AuthSession } from './sessions.ts';

export interface PoolIdentity {
  region: string;
  userPoolId: string;
}

/** The attributes Cognito passes to triggers, status and sub included. */
export function triggerAttributes(user: StoredUser | undefined): Record<string, string> {
  if (!user) return {};
  return {
    ...user.attributes,
    sub: user.sub,
    ...verifiedAttributes(user),
    'cognito:user_status': user.status,
  };
}

function common(pool: PoolIdentity, session: AuthSession, triggerSource: string) {
  return {
    version: '1',
    region: pool.region,
    userPoolId: pool.userPoolId,
    userName: session.username,
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: session.clientId },
    triggerSource,
  };
}

/** The session array as Cognito sends it: a round without metadata says so with null. */
const copyHistory = (session: AuthSession) =>
  session.history.map(({ challengeName, challengeResult, challengeMetadata }) => ({
    challengeName,
    challengeResult,
    challengeMetadata: challengeMetadata ?? null,
  }));

export function defineEvent(pool: PoolIdentity, session: AuthSession) {
  return {
    ...common(pool, session, 'DefineAuthChallenge_Authentication'),
    request: {
      userAttributes: triggerAttributes(session.user),
      session: copyHistory(session),
      clientMetadata: { ...session.clientMetadata },
      userNotFound: session.user === undefined,
    },
    response: {
      challengeName: undefined as string | undefined,
      issueTokens: false,
      failAuthentication: false,
    },
  };
}

export function createEvent(pool: PoolIdentity, session: AuthSession, challengeName: string) {
  return {
    ...common(pool, session, 'CreateAuthChallenge_Authentication'),
    request: {
      userAttributes: triggerAttributes(session.user),
      challengeName,
      session: copyHistory(session),
      clientMetadata: { ...session.clientMetadata },
      userNotFound: session.user === undefined,
    },
    response: {
      publicChallengeParameters: {} as Record<string, unknown>,
      privateChallengeParameters: {} as Record<string, unknown>,
      challengeMetadata: undefined as string | undefined,
    },
  };
}

export function verifyEvent(
  pool: PoolIdentity,
  session: AuthSession,
  privateChallengeParameters: Record<string, string>,
  challengeAnswer: string,
) {
  return {
    ...common(pool, session, 'VerifyAuthChallengeResponse_Authentication'),
    request: {
      userAttributes: triggerAttributes(session.user),
      privateChallengeParameters: { ...privateChallengeParameters },
      challengeAnswer,
      clientMetadata: { ...session.clientMetadata },
      userNotFound: session.user === undefined,
    },
    response: { answerCorrect: false },
  };
}
