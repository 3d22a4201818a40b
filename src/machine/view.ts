import type { SnapshotFrom } from 'xstate';
import { type CustomAuthContext, initialContext } from './context.ts';
import type { CustomAuthError } from './errors.ts';
import type { CustomAuthMachine } from './machine.ts';
import type {
  AuthUserInfo,
  ChallengeInfo,
  CodeDelivery,
  CustomAuthFlow,
  CustomAuthInput,
  CustomAuthRoute,
} from './types.ts';

export type CustomAuthSnapshot = SnapshotFrom<CustomAuthMachine>;

/** Everything a UI reads from the statechart; every field keeps its identity until it changes. */
export interface CustomAuthView {
  route: CustomAuthRoute;
  /**
   * True while a request to the backend is in flight (for `callTimeoutMs` at most); commands
   * sent meanwhile are ignored, but a challenge's `GO_TO_SIGN_IN`, which cancels it.
   */
  isPending: boolean;
  error: CustomAuthError | null;
  username: string;
  challenge: ChallengeInfo | null;
  /**
   * The challenge on screen ran out of time and takes no answer: what is left is
   * `resendChallenge()` (a new sign-in for the same user) or `goToSignIn()`. Only for rounds
   * the user answers: a round the client answers (a sign-in link) expires back to sign-in,
   * with `SessionExpired`.
   */
  challengeExpired: boolean;
  codeDelivery: CodeDelivery | null;
  user: AuthUserInfo | null;
  /** The variant this provider runs, fixed at mount. */
  flow: CustomAuthFlow;
  /**
   * True from a confirmed sign-up until the sign-in it starts ends. Cognito's custom flow
   * cannot sign in with the confirmation, so that sign-in asks for another code: a UI says why.
   */
  signUpConfirmed: boolean;
}

const routes: readonly CustomAuthRoute[] = [
  'initializing',
  'signIn',
  'challenge',
  'signUp',
  'confirmSignUp',
  'signedIn',
];

/** The route the active top-level state declares in its tags. */
export function routeOf(snapshot: CustomAuthSnapshot): CustomAuthRoute {
  return routes.find((route) => snapshot.hasTag(route)) ?? 'initializing';
}

function toView(
  route: CustomAuthRoute,
  isPending: boolean,
  context: CustomAuthContext,
  challengeExpired = false,
) {
  return {
    route,
    isPending,
    error: context.error,
    username: context.username,
    challenge: context.challenge,
    challengeExpired,
    codeDelivery: context.codeDelivery,
    user: context.user,
    flow: context.flow,
    signUpConfirmed: context.signUpConfirmed === true,
  };
}

export function viewOf(snapshot: CustomAuthSnapshot): CustomAuthView {
  return toView(
    routeOf(snapshot),
    snapshot.hasTag('pending'),
    snapshot.context,
    snapshot.hasTag('expired'),
  );
}

/**
 * The view a statechart with this input starts in, without running it: its first form when
 * nothing is stored to resume, else waiting on the session check.
 */
export function startView(input: CustomAuthInput | undefined, nothingStored: boolean) {
  const context = initialContext(input);
  return toView(nothingStored ? context.initialRoute : 'initializing', !nothingStored, context);
}
