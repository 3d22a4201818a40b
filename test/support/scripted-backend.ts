import { LINK_REQUEST_PREFIX } from '../../src/challenges/magic-link/protocol.ts';
import type {
  AuthUserInfo,
  ConfirmSignUpStep,
  CustomAuthServices,
  PendingChallenge,
  SignInStep,
  SignUpStep,
} from '../../src/machine/index.ts';
import { parsePendingChallenge } from '../../src/machine/pending-challenge.ts';
import type { ClientAnswerRequest } from '../../src/machine/services.ts';

/** The sign-in step a settled call answered, as the statechart got it. */
export interface DeliveredStep {
  step: SignInStep['type'];
  /** A sign-in in another tab was heard while the call was in flight. */
  signedInElsewhere: boolean;
  /** A link step's answer, which takes only what a link sign-in can lead to. */
  linkStep?: boolean;
}

/** One way a backend call can end: its value, or the error it throws. */
type Outcome<T> = () => T;

interface OutstandingCall {
  name: string;
  settle: (choice: number) => void;
  /** How many sign-outs here had ended when the call was made. */
  signOuts: number;
  /** The statechart stopped waiting for it (a timeout, a cancel): it runs on unheard. */
  dropped?: boolean;
}

/** Calls whose answer is a sign-in step, which the statechart must follow. */
const stepCalls = new Set(['signIn', 'confirmSignIn', 'autoSignIn']);

/** A sign-in link's token as the client sees it: three base64url parts. */
const isLinkToken = (answer: string) => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(answer);

const failure = (name: string, message = `${name} from the scripted backend`) =>
  Object.assign(new Error(message), { name });

const network = () => {
  throw Object.assign(failure('Unknown', 'Network error'), { underlyingError: new TypeError() });
};

const locked = () => {
  throw failure(
    'UserLambdaValidationException',
    'CreateAuthChallenge failed with error SignInLocked retryAfterSeconds=600: too many sign-in attempts, try again later.',
  );
};

const linkRefused = () => {
  throw failure(
    'UserLambdaValidationException',
    'VerifyAuthChallengeResponse failed with error MagicLinkRefused reason=expired.',
  );
};

const thrown = (name: string, message?: string) => () => {
  throw failure(name, message);
};

/**
 * Amplify as the statechart sees it, answered by the test: every call stays open until the
 * test settles it with one of the outcomes a real call can have (a value of the right type,
 * or one of the errors Cognito or Amplify throw). It remembers what Amplify would (who is
 * signed in) and what sessionStorage holds, so reloads start from the same place.
 */
export class ScriptedBackend {
  signedIn: AuthUserInfo | null = null;
  stored: PendingChallenge | null = null;
  /** Things the statechart must never do, found while it ran. */
  readonly violations: string[] = [];
  private outstanding: OutstandingCall | null = null;
  /** The session check behind a first form, which may run beside any other call. */
  private check: OutstandingCall | null = null;
  private checkComing = false;
  /** The sign-in step the last settled call answered, until the test reads it. */
  private deliveredStep: DeliveredStep | null = null;
  private deliveries = 0;
  /** Sign-outs here that ended, to tell a call made before one from a call made after. */
  private signOuts = 0;
  /** The call being settled, while its outcome runs. */
  private settling: OutstandingCall | null = null;
  /** A sign-in in another tab happened while calls were open, since the statechart last rested. */
  private signInElsewhereDuringCall = false;
  /** Whose sign-in Amplify's sign-in store holds: the last `signIn` call's. */
  private signingIn = 'alice';
  /** The calls made now are a link step's, whose own answer is what the statechart gets. */
  private insideLinkStep = false;
  /** Calls dropped so far, to tell whether a link step's own call was. */
  private drops = 0;
  /** The link step under way: the drops before it, and the link live when it started. */
  private linkStep: { drops: number; live: ScriptedBackend['liveLink'] } | null = null;
  /** A dropped call signed someone in: the next call must be the sign-out that undoes it. */
  private undoDue = false;
  /**
   * The sign-in link the page was opened with, while the sign-in it starts may still use it
   * (the test decides), and whether the user confirmed whose account it opens; a token
   * answered otherwise is a violation.
   */
  liveLink: { token: string; username: string; confirmed: boolean } | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly tabListeners = new Set<(user: AuthUserInfo | null) => void>();

  /** Ends the open call with outcome number `choice` (modulo how many it has). */
  settle(choice: number): void {
    const call = this.outstanding;
    this.outstanding = null;
    call?.settle(choice);
  }

  /** Ends the session check behind the first form, if one is open. */
  settleCheck(choice: number): void {
    const call = this.check;
    this.check = null;
    call?.settle(choice);
  }

  /**
   * The statechart left the state that waited for the open call: the call still runs, and may
   * still answer, but nobody hears it.
   */
  drop(): void {
    if (!this.outstanding || this.outstanding.dropped) return;
    this.outstanding.dropped = true;
    this.drops += 1;
  }

  private get linkStepDropped(): boolean {
    return this.insideLinkStep && this.linkStep?.drops !== this.drops;
  }

  /** Whether the open call is one the statechart no longer waits for. */
  get outstandingDropped(): boolean {
    return this.outstanding?.dropped === true;
  }

  /** What a reload leaves behind: calls in flight are lost with the page. */
  reload(): void {
    this.undoDue = false;
    this.outstanding = null;
    this.check = null;
    this.insideLinkStep = false;
    this.liveLink = null;
    this.listeners.clear();
    this.tabListeners.clear();
  }

  /** The open call's name, or null. A call stays open until settled, whatever the statechart does. */
  get outstandingCall(): string | null {
    return this.outstanding?.name ?? null;
  }

  /** Listeners the statechart left subscribed. */
  get listenerCount(): number {
    return this.listeners.size + this.tabListeners.size;
  }

  /**
   * The sign-in step the last settled call answered, and whether a sign-in in another tab
   * was heard while it was open.
   */
  takeDeliveredStep(): DeliveredStep | null {
    const delivered = this.deliveredStep;
    this.deliveredStep = null;
    return delivered;
  }

  /** The statechart shows a screen with nothing in flight: what it heard meanwhile is followed. */
  rested(): void {
    this.signInElsewhereDuringCall = false;
  }

  signOutElsewhere(): void {
    this.signedIn = null;
    for (const listener of [...this.listeners]) listener();
    for (const listener of [...this.tabListeners]) listener(null);
  }

  signInElsewhere(user: AuthUserInfo): void {
    if (this.outstanding) this.signInElsewhereDuringCall = true;
    this.signedIn = user;
    for (const listener of [...this.tabListeners]) listener(user);
  }

  private call<T>(name: string, outcomes: Array<Outcome<T>>, background = false): Promise<T> {
    if (this.outstanding && !background) {
      this.violations.push(`${name} called while ${this.outstanding.name} was still open`);
    }
    const undoing = this.undoDue;
    if (undoing && name !== 'signOut') {
      this.violations.push(`${name} called before a dropped call's sign-in was undone`);
    }
    this.undoDue = false;
    return new Promise<T>((resolve, reject) => {
      const call: OutstandingCall = {
        name,
        signOuts: this.signOuts,
        // An undo is nobody's call either, nor the rest of a dropped link step.
        dropped: undoing || this.linkStepDropped,
        settle: (choice) => {
          this.settling = call;
          try {
            const value = (outcomes[choice % outcomes.length] as Outcome<T>)();
            if (call.dropped) {
              if (stepCalls.has(name) && (value as SignInStep).type === 'done') this.undoDue = true;
            } else if (stepCalls.has(name) && !this.insideLinkStep) {
              const step = (value as SignInStep).type;
              this.deliveredStep = { step, signedInElsewhere: this.signInElsewhereDuringCall };
            }
            resolve(value);
          } catch (error) {
            reject(error);
          } finally {
            this.settling = null;
          }
        },
      };
      if (background) this.check = call;
      else this.outstanding = call;
    });
  }

  private challenge = (): SignInStep => ({
    type: 'customChallenge',
    parameters: { hint: 'Enter the code', codeLength: '6', attemptsLeft: '2' },
  });

  /** An `anyOf` step's first round: a passkey, the code beside it. */
  private passkeyRound = (): SignInStep => ({
    type: 'customChallenge',
    parameters: {
      type: 'passkey',
      alternatives: 'passkey,code',
      alternative: '0',
      attemptsLeft: '3',
    },
  });

  /** A magic-link step's first round, which the statechart answers by itself. */
  private linkAsked = (): SignInStep => ({
    type: 'customChallenge',
    parameters: { type: 'magicLink', step: '1', steps: '1', attemptsLeft: '4' },
  });

  private linkSent = (): SignInStep => ({
    type: 'customChallenge',
    parameters: { type: 'magicLink', linkSent: 'true', codeLength: '6', attemptsLeft: '3' },
  });

  private done =
    (username: string): Outcome<SignInStep> =>
    () => {
      // Amplify stores the tokens whether or not anyone still waits for the answer.
      if (this.settling && this.settling.signOuts !== this.signOuts) {
        this.violations.push(
          `${this.settling.name}, made before a sign-out here, signed ${username} in after it`,
        );
      }
      this.signedIn = { username, userId: `sub-${username}` };
      return { type: 'done', user: this.signedIn };
    };

  private delivery = (username: string) => ({
    destination: `${username}#${++this.deliveries}`,
    deliveryMedium: 'EMAIL',
    attributeName: 'email',
  });

  /**
   * A link step answered by `answer` (the kit's link services over these calls): what it
   * returns, not the calls it makes, is the step the statechart must follow.
   */
  answeringLinks(
    answer: (request: ClientAnswerRequest) => Promise<SignInStep>,
  ): (request: ClientAnswerRequest) => Promise<SignInStep> {
    return async (request) => {
      this.insideLinkStep = true;
      this.linkStep = { drops: this.drops, live: this.liveLink };
      try {
        const step = await answer(request);
        // The step's call was dropped: its sign-in must be undone, and nobody hears the rest.
        if (this.linkStepDropped) {
          if (step.type === 'done') this.undoDue = true;
          return step;
        }
        this.deliveredStep = {
          step: step.type,
          signedInElsewhere: this.signInElsewhereDuringCall,
          linkStep: true,
        };
        return step;
      } finally {
        this.insideLinkStep = false;
        this.linkStep = null;
      }
    };
  }

  private redeemLink(token: string): Array<Outcome<SignInStep>> {
    // A dropped link step runs on with the link it started with, unheard.
    const live = this.linkStepDropped ? this.linkStep?.live : this.liveLink;
    if (live?.token !== token) {
      this.violations.push('a sign-in link answered a sign-in it did not start');
    } else if (!live.confirmed) {
      this.violations.push(`a link for ${live.username} from another browser was used unasked`);
    }
    // A link works once.
    this.liveLink = null;
    return [this.done(this.signingIn), linkRefused, network];
  }

  services(): CustomAuthServices {
    const signInOutcomes = (username: string): Array<Outcome<SignInStep>> => [
      this.challenge,
      this.linkAsked,
      this.done(username),
      () => ({ type: 'confirmSignUp' }),
      () => ({ type: 'unsupported', signInStep: 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION' }),
      thrown('NotAuthorizedException', 'Incorrect username or password.'),
      thrown('UserNotConfirmedException'),
      thrown('UserAlreadyAuthenticatedException', 'There is already a signed in user.'),
      this.passkeyRound,
      locked,
      network,
    ];
    return {
      // A start that finds nothing stored checks the session behind its first form.
      mayResume: () => {
        const may = this.signedIn !== null || this.stored !== null;
        this.checkComing = !may;
        return may;
      },
      getCurrentUser: () => {
        const background = this.checkComing;
        this.checkComing = false;
        return this.call('getCurrentUser', [() => this.signedIn, network], background);
      },
      loadPendingChallenge: () =>
        this.call('loadPendingChallenge', [
          () => parsePendingChallenge(JSON.stringify(this.stored)),
          network,
        ]),
      signIn: ({ username }) => {
        this.signingIn = username;
        // Amplify looks for stored tokens before it asks Cognito anything.
        if (this.signedIn) {
          return this.call('signIn', [
            thrown('UserAlreadyAuthenticatedException', 'There is already a signed in user.'),
          ]);
        }
        return this.call('signIn', signInOutcomes(username));
      },
      confirmSignIn: (answer) => {
        if (answer.startsWith(LINK_REQUEST_PREFIX)) {
          return this.call('confirmSignIn', [
            this.linkSent,
            // A page the trigger does not allow.
            thrown('NotAuthorizedException', 'Incorrect username or password.'),
            locked,
            network,
          ]);
        }
        if (isLinkToken(answer)) return this.call('confirmSignIn', this.redeemLink(answer));
        return this.call('confirmSignIn', [
          this.challenge,
          this.linkAsked,
          this.done(this.signingIn),
          () => ({ type: 'unsupported', signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' }),
          thrown('NotAuthorizedException', 'Incorrect username or password.'),
          thrown('NotAuthorizedException', 'Invalid session for the user, session is expired.'),
          thrown('CodeMismatchException'),
          this.passkeyRound,
          locked,
          network,
        ]);
      },
      // The kit's link services answer link steps over these calls (`answeringLinks`).
      answerOnClient: async () => {
        throw new Error('Compose the link services over the scripted backend.');
      },
      signUp: ({ username }) =>
        this.call<SignUpStep>('signUp', [
          () => ({ type: 'confirmSignUp', codeDelivery: this.delivery(username) }),
          () => ({ type: 'autoSignIn' }),
          () => ({ type: 'done' }),
          thrown('UsernameExistsException'),
          thrown('InvalidPasswordException', 'Password did not conform with policy'),
          network,
        ]),
      confirmSignUp: () =>
        this.call<ConfirmSignUpStep>('confirmSignUp', [
          () => ({ type: 'autoSignIn' }),
          () => ({ type: 'done' }),
          thrown('CodeMismatchException'),
          thrown('ExpiredCodeException'),
          network,
        ]),
      resendSignUpCode: (username) =>
        this.call('resendSignUpCode', [
          () => this.delivery(username),
          thrown('LimitExceededException'),
          network,
        ]),
      autoSignIn: () =>
        this.call('autoSignIn', [
          this.challenge,
          this.done('alice'),
          () => ({ type: 'unsupported', signInStep: 'RESET_PASSWORD' }),
          thrown('NotAuthorizedException', 'Incorrect username or password.'),
          network,
        ]),
      signOut: () =>
        this.call('signOut', [
          () => {
            this.signedIn = null;
            this.signOuts += 1;
            // Amplify says so on Hub before its sign-out resolves.
            for (const listener of [...this.listeners]) listener();
          },
          network,
        ]),
      listenForSignOut: (listener) => {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
      },
      listenForOtherTabs: (listener) => {
        this.tabListeners.add(listener);
        return () => this.tabListeners.delete(listener);
      },
      savePendingChallenge: (pending) => {
        this.stored = pending === null ? null : structuredClone(pending);
      },
    };
  }
}
