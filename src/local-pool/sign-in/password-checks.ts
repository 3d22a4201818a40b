import { timingSafeEqual } from 'node:crypto';
import type { StoredUser } from '../persistence/pool-store.ts';
import { requiredParameter } from '../protocol/request-body.ts';
import type { AuthSession, PendingChallenge } from './sessions.ts';
import {
  computePasswordVerifier,
  createSecretBlock,
  isCognitoTimestamp,
  startPasswordVerification,
  verifyPasswordClaim,
} from './srp.ts';
import type { UnknownUsers } from './unknown-users.ts';

type VerifierChallenge = Extract<PendingChallenge, { challengeName: 'PASSWORD_VERIFIER' }>;

/**
 * Password checks (SRP and plain) that cost the same for a user that does not exist: an
 * unknown user gets fake credentials that are as cheap to derive as a real user's are to
 * look up, and their claims go through the same math before they fail.
 */
export class PasswordChecks {
  constructor(
    private readonly pool: { userPoolId: string; poolName: string },
    private readonly unknownUsers: UnknownUsers,
  ) {}

  private credentials(user: StoredUser | undefined, username: string) {
    return user ?? this.unknownUsers.credentials(this.pool.userPoolId, username);
  }

  /** A PASSWORD_VERIFIER challenge: the server's state and the SALT to send. */
  challenge(user: StoredUser | undefined, username: string) {
    const { salt, verifier } = this.credentials(user, username);
    const { serverSecret, srpB } = startPasswordVerification(verifier);
    const pending: VerifierChallenge = {
      challengeName: 'PASSWORD_VERIFIER',
      verifier,
      serverSecret,
      srpB,
      secretBlock: createSecretBlock(),
    };
    return { pending, salt };
  }

  /** Whether a PASSWORD_VERIFIER answer proves the password; never for an unknown user. */
  checkClaim(
    session: AuthSession,
    pending: VerifierChallenge,
    responses: Record<string, string>,
  ): boolean {
    const PASSWORD_CLAIM_SIGNATURE = requiredParameter(responses, 'PASSWORD_CLAIM_SIGNATURE');
    const PASSWORD_CLAIM_SECRET_BLOCK = requiredParameter(
      responses,
      'PASSWORD_CLAIM_SECRET_BLOCK',
      10_000,
    );
    const TIMESTAMP = requiredParameter(responses, 'TIMESTAMP', 64);
    if (
      !session.srpA ||
      PASSWORD_CLAIM_SECRET_BLOCK !== pending.secretBlock ||
      !isCognitoTimestamp(TIMESTAMP)
    ) {
      return false;
    }
    const verified = verifyPasswordClaim({
      poolName: this.pool.poolName,
      userIdForSrp: session.username,
      verifier: pending.verifier,
      serverSecret: pending.serverSecret,
      srpA: session.srpA,
      srpB: pending.srpB,
      secretBlock: PASSWORD_CLAIM_SECRET_BLOCK,
      timestamp: TIMESTAMP,
      signature: PASSWORD_CLAIM_SIGNATURE,
    });
    return verified && session.user !== undefined;
  }

  /** USER_PASSWORD_AUTH: the password against the stored verifier; never for an unknown user. */
  checkPlain(user: StoredUser | undefined, username: string, password: string): boolean {
    const { salt, verifier } = this.credentials(user, username);
    const computed = Buffer.from(
      computePasswordVerifier(this.pool.poolName, user?.username ?? username, password, salt),
    );
    const expected = Buffer.from(verifier);
    const matches = computed.length === expected.length && timingSafeEqual(computed, expected);
    return matches && user !== undefined;
  }
}
