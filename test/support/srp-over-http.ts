import type { LocalPool } from '../../src/local-pool/index.ts';
import { cognitoPost } from './local-pool.ts';
import { answerPasswordVerifier, startClient, type VerifierChallenge } from './srp-client.ts';

/**
 * An SRP sign-in over raw HTTP: InitiateAuth with SRP_A (USER_SRP_AUTH, or CUSTOM_AUTH with
 * CHALLENGE_NAME SRP_A), then the PASSWORD_VERIFIER answer. Returns both answers.
 */
export async function srpSignIn(
  pool: LocalPool,
  input: { authFlow: 'USER_SRP_AUTH' | 'CUSTOM_AUTH'; username: string; password: string },
) {
  const ClientId = pool.userPoolClientId;
  const client = startClient();
  const started = await cognitoPost(pool, 'InitiateAuth', {
    ClientId,
    AuthFlow: input.authFlow,
    AuthParameters: {
      USERNAME: input.username,
      SRP_A: client.srpA,
      ...(input.authFlow === 'CUSTOM_AUTH' ? { CHALLENGE_NAME: 'SRP_A' } : {}),
    },
  });
  if (started.status !== 200) return { started, answered: undefined };
  const challenge = started.body.ChallengeParameters as unknown as VerifierChallenge;
  const { responses } = answerPasswordVerifier({
    poolName: pool.userPoolId.split('_')[1] ?? '',
    password: input.password,
    a: client.a,
    challenge,
  });
  const answered = await cognitoPost(pool, 'RespondToAuthChallenge', {
    ClientId,
    ChallengeName: 'PASSWORD_VERIFIER',
    Session: started.body.Session,
    ChallengeResponses: responses,
  });
  return { started, answered };
}
