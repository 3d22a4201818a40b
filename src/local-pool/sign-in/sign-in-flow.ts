import type { ChallengeEntry, LocalLog } from '../local-aids/local-log.ts';
import { type OutboxTarget, runWithOutbox } from '../local-aids/outbox-senders.ts';
import type { PoolStore, StoredUser } from '../persistence/pool-store.ts';
import { CognitoError, invalidParameter, notAuthorized, userNotFound } from '../protocol/errors.ts';
import { requiredParameter } from '../protocol/request-body.ts';
import type { AuthenticationResult, TokenIssuer } from '../tokens/token-issuer.ts';
import { PasswordChecks } from './password-checks.ts';
import { type AuthSession, invalidSession, type SessionStore } from './sessions.ts';
import { isSrpPublicValue } from './srp.ts';
import { createEvent, defineEvent, type PoolIdentity, verifyEvent } from './trigger-events.ts';
import {
  boilerplateMismatch,
  lambdaResponseError,
  stringParameters,
  triggerFailureLine,
} from './trigger-responses.ts';
import { invokeTrigger, type LambdaHandler, type TriggerHandlers } from './trigger-runner.ts';
import type { UnknownUsers } from './unknown-users.ts';

export type AuthResponse =
  | { AuthenticationResult: AuthenticationResult; ChallengeParameters: Record<string, never> }
  | { ChallengeName: string; Session: string; ChallengeParameters: Record<string, string> };

export interface SignInFlowDependencies {
  pool: PoolIdentity & { poolName: string };
  store: PoolStore;
  sessions: SessionStore;
  tokens: TokenIssuer;
  triggers: TriggerHandlers;
  challenges: LocalLog<ChallengeEntry>;
  /** Where the triggers' `sendCodeToOutbox` and `sendLinkToOutbox` deliver. */
  outbox: OutboxTarget;
  preventUserExistenceErrors: boolean;
  unknownUsers: UnknownUsers;
  /**
   * Where every trigger failure is printed, with the trigger's name and its error's message,
   * and where a trigger written for a different start of the flow is pointed out.
   */
  log: (line: string) => void;
}

export interface StartRequest {
  authFlow: AuthSession['authFlow'];
  clientId: string;
  username: string;
  srpA: string | undefined;
}

export interface RespondRequest {
  clientId: string;
  challengeName: string;
  session: string;
  responses: Record<string, string>;
  /** Handed to the Verify, Define and Create this response runs, as Cognito does. */
  clientMetadata: Record<string, string>;
}

/** InitiateAuth and RespondToAuthChallenge for CUSTOM_AUTH and USER_SRP_AUTH, as Cognito runs them. */
export class SignInFlow {
  private readonly passwords: PasswordChecks;

  constructor(private readonly deps: SignInFlowDependencies) {
    this.passwords = new PasswordChecks(deps.pool, deps.unknownUsers);
  }

  start(request: StartRequest): Promise<AuthResponse> {
    return this.reportingTriggerFailures(request.username, () => this.startSignIn(request));
  }

  respond(request: RespondRequest): Promise<AuthResponse> {
    const username = request.responses.USERNAME ?? '';
    return this.reportingTriggerFailures(username, () => this.respondToChallenge(request));
  }

  private async reportingTriggerFailures(
    username: string,
    run: () => Promise<AuthResponse>,
  ): Promise<AuthResponse> {
    try {
      return await run();
    } catch (error) {
      const line = triggerFailureLine(username, error);
      if (line) this.deps.log(line);
      throw error;
    }
  }

  private async startSignIn(request: StartRequest): Promise<AuthResponse> {
    // Refused before any trigger runs, so a Define that ignores SRP_A cannot let it through.
    if (request.srpA !== undefined && !isSrpPublicValue(request.srpA)) {
      throw invalidParameter('SRP_A must be a hexadecimal number that is not 0 mod N.');
    }
    const user = this.signInUser(request.username);
    const session: AuthSession = {
      authFlow: request.authFlow,
      clientId: request.clientId,
      username: user?.username ?? request.username,
      user,
      srpA: request.srpA,
      history: request.srpA ? [{ challengeName: 'SRP_A', challengeResult: true }] : [],
      pending: { challengeName: 'CUSTOM_CHALLENGE', privateChallengeParameters: {} },
      // Cognito gives the challenge triggers no ClientMetadata from InitiateAuth.
      clientMetadata: {},
    };
    if (request.authFlow === 'USER_SRP_AUTH') return this.passwordVerifier(session);
    return this.advance(session);
  }

  private async respondToChallenge(request: RespondRequest): Promise<AuthResponse> {
    // Checked before the session is spent, as a malformed request leaves it usable.
    const claimed = requiredParameter(request.responses, 'USERNAME', 128);
    const session = this.deps.sessions.take(request.session);
    if (!session) throw invalidSession(this.deps.sessions.refusal(request.session));
    if (session.clientId !== request.clientId) throw invalidSession();
    const { usernameKey } = this.deps.store;
    if (usernameKey(claimed) !== usernameKey(session.username)) throw notAuthorized();
    const { pending } = session;
    session.clientMetadata = request.clientMetadata;
    if (request.challengeName !== pending.challengeName) {
      throw invalidParameter(
        `The session expects the ${pending.challengeName} challenge, not ${request.challengeName}.`,
      );
    }
    if (pending.challengeName === 'CUSTOM_CHALLENGE') {
      const answer = requiredParameter(request.responses, 'ANSWER');
      const verified = await this.runTrigger(
        'VerifyAuthChallengeResponse',
        this.deps.triggers.verifyAuthChallengeResponse,
        verifyEvent(this.deps.pool, session, pending.privateChallengeParameters, answer),
      );
      session.history.push({
        challengeName: 'CUSTOM_CHALLENGE',
        challengeResult: verified.response?.answerCorrect === true,
        challengeMetadata: pending.challengeMetadata,
      });
      return this.advance(session);
    }
    const passwordOk = this.passwords.checkClaim(session, pending, request.responses);
    if (session.authFlow === 'USER_SRP_AUTH') {
      if (!passwordOk || !session.user) throw notAuthorized();
      return this.tokensFor(session.user, session.clientId);
    }
    session.history.push({ challengeName: 'PASSWORD_VERIFIER', challengeResult: passwordOk });
    return this.advance(session);
  }

  /**
   * USER_PASSWORD_AUTH, for clients that enable it: no trigger runs, as on Cognito. An
   * unknown user's password is checked against the fake credentials, at the same cost.
   */
  async passwordSignIn(request: {
    clientId: string;
    username: string;
    password: string;
  }): Promise<AuthResponse> {
    const user = this.signInUser(request.username);
    const matches = this.passwords.checkPlain(user, request.username, request.password);
    if (!user || !matches) throw notAuthorized();
    return this.tokensFor(user, request.clientId);
  }

  /** Runs a trigger as Lambda would, its sends going to this pool's outbox. */
  private runTrigger<E extends object>(name: string, handler: LambdaHandler, event: E): Promise<E> {
    return runWithOutbox(this.deps.outbox, () => invokeTrigger(name, handler, event));
  }

  /** The user to sign in, or undefined for an unknown one when existence errors are hidden. */
  private signInUser(username: string): StoredUser | undefined {
    const user = this.deps.store.findUser(username);
    if (!user && !this.deps.preventUserExistenceErrors) throw userNotFound();
    if (user && user.status !== 'CONFIRMED') {
      throw new CognitoError('UserNotConfirmedException', 'User is not confirmed.');
    }
    return user;
  }

  private async advance(session: AuthSession): Promise<AuthResponse> {
    const { response } = await this.runTrigger(
      'DefineAuthChallenge',
      this.deps.triggers.defineAuthChallenge,
      defineEvent(this.deps.pool, session),
    );
    const mismatch = boilerplateMismatch(session, response);
    if (mismatch) this.deps.log(mismatch);
    if (response?.failAuthentication === true) throw notAuthorized();
    if (response?.issueTokens === true) {
      if (!session.user) throw notAuthorized();
      return this.tokensFor(session.user, session.clientId);
    }
    switch (response?.challengeName) {
      case 'CUSTOM_CHALLENGE':
        return this.customChallenge(session);
      case 'PASSWORD_VERIFIER':
        return this.passwordVerifier(session);
      default:
        throw lambdaResponseError(
          `DefineAuthChallenge returned an unsupported challenge: ${String(response?.challengeName)}.`,
        );
    }
  }

  private async customChallenge(session: AuthSession): Promise<AuthResponse> {
    const { response } = await this.runTrigger(
      'CreateAuthChallenge',
      this.deps.triggers.createAuthChallenge,
      createEvent(this.deps.pool, session, 'CUSTOM_CHALLENGE'),
    );
    const publicParameters = stringParameters(
      response?.publicChallengeParameters,
      'public parameters',
    );
    const privateParameters = stringParameters(
      response?.privateChallengeParameters,
      'private parameters',
    );
    const metadata = response?.challengeMetadata;
    this.deps.challenges.add({
      username: session.username,
      challengeName: 'CUSTOM_CHALLENGE',
      publicChallengeParameters: publicParameters,
      privateChallengeParameters: privateParameters,
      time: new Date().toISOString(),
    });
    session.pending = {
      challengeName: 'CUSTOM_CHALLENGE',
      privateChallengeParameters: privateParameters,
      challengeMetadata: typeof metadata === 'string' ? metadata : undefined,
    };
    return {
      ChallengeName: 'CUSTOM_CHALLENGE',
      Session: this.deps.sessions.issue(session),
      ChallengeParameters: { ...publicParameters, USERNAME: session.username },
    };
  }

  private passwordVerifier(session: AuthSession): AuthResponse {
    if (!session.srpA) {
      throw invalidParameter('Missing required parameter SRP_A');
    }
    const { pending, salt } = this.passwords.challenge(session.user, session.username);
    session.pending = pending;
    return {
      ChallengeName: 'PASSWORD_VERIFIER',
      Session: this.deps.sessions.issue(session),
      ChallengeParameters: {
        SALT: salt,
        SRP_B: pending.srpB,
        SECRET_BLOCK: pending.secretBlock,
        USER_ID_FOR_SRP: session.username,
        USERNAME: session.username,
      },
    };
  }

  private tokensFor(user: StoredUser, clientId: string): Promise<AuthResponse> {
    return this.deps.tokens
      .issue({ user, clientId, authTime: Math.floor(Date.now() / 1000) })
      .then((AuthenticationResult) => ({ AuthenticationResult, ChallengeParameters: {} }));
  }
}
