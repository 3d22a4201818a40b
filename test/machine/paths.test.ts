import { describe, expect, it } from 'vitest';
import type { StateNode, StateValue } from 'xstate';
import { getShortestPaths, getSimplePaths, getStateNodes } from 'xstate/graph';
import {
  type CustomAuthEvent,
  type CustomAuthSnapshot,
  customAuthMachine,
} from '../../src/machine/index.ts';
import { alice, challengeStep, cognitoError } from '../support/fake-services.ts';

/** Representative outputs of each invoked actor, keyed by invoke id. */
const outputsByActor: Record<string, unknown[]> = {
  getCurrentUser: [null, alice],
  sessionCheck: [null, alice],
  signIn: [
    challengeStep(),
    challengeStep({ type: 'magicLink' }),
    { type: 'confirmSignUp' },
    { type: 'done', user: alice },
    { type: 'unsupported', signInStep: 'RESET_PASSWORD' },
  ],
  confirmSignIn: [challengeStep({ attemptsLeft: '2' }), { type: 'done', user: alice }],
  answerOnClient: [
    challengeStep({ type: 'magicLink', linkSent: 'true' }),
    { type: 'done', user: alice },
  ],
  autoSignIn: [challengeStep(), { type: 'done', user: alice }],
  signUp: [
    { type: 'confirmSignUp', codeDelivery: { destination: 'a***@e***.com' } },
    { type: 'autoSignIn' },
    { type: 'done' },
  ],
  confirmSignUp: [{ type: 'autoSignIn' }, { type: 'done' }],
  resendSignUpCode: [{ destination: 'a***@e***.com' }],
  signOut: [undefined],
  loadPendingChallenge: [
    null,
    {
      username: 'alice',
      challenge: { hint: null, parameters: {}, round: 1, expiresAt: 1e15, resendAvailableAt: 0 },
    },
  ],
};

const backendErrors = [
  cognitoError('NotAuthorizedException', 'Incorrect username or password.'),
  cognitoError('UserAlreadyAuthenticatedException'),
  cognitoError('UserNotConfirmedException'),
  cognitoError('CodeMismatchException'),
];

const userEvents: Array<CustomAuthEvent | { type: `xstate.after.${string}` }> = [
  { type: 'SIGN_IN', username: 'alice', password: 'Secret-123' },
  { type: 'SIGN_IN', username: ' ' },
  { type: 'ANSWER_CHALLENGE', answer: '123456' },
  { type: 'ANSWER_CHALLENGE', answer: '' },
  { type: 'RESEND_CHALLENGE' },
  { type: 'SIGN_UP', username: 'alice', attributes: { email: 'a@example.com' } },
  { type: 'CONFIRM_SIGN_UP', code: '123456' },
  { type: 'RESEND_SIGN_UP_CODE' },
  { type: 'SIGN_OUT' },
  // Not SIGNED_IN from another tab: it reaches signedIn from anywhere, and would hide dead ends.
  { type: 'SIGNED_OUT' },
  { type: 'GO_TO_SIGN_IN' },
  { type: 'GO_TO_SIGN_UP' },
  { type: 'xstate.after.challengeExpiry.customAuth.challenge.idle' },
];

/** The user's events plus the completion and failure of whatever is invoked right now. */
function eventsFor(snapshot: CustomAuthSnapshot) {
  const actorEvents = Object.keys(snapshot.children).flatMap((id) => [
    ...(outputsByActor[id] ?? []).map((output) => ({ type: `xstate.done.actor.${id}`, output })),
    ...(id in outputsByActor ? backendErrors : []).map((error) => ({
      type: `xstate.error.actor.${id}`,
      error,
    })),
  ]);
  return [...userEvents, ...actorEvents] as never[];
}

const traversal = {
  events: eventsFor,
  input: { resendCooldownMs: 0 },
  // The same screen with or without the session check behind it is two states.
  serializeState: (snapshot: CustomAuthSnapshot) =>
    JSON.stringify([snapshot.value, 'sessionCheck' in snapshot.children]),
};

/** `['challenge', 'idle']` -> `{ challenge: 'idle' }`, the shape `snapshot.matches` takes. */
function stateValueOf(path: readonly string[]): StateValue {
  const [head, ...rest] = path;
  return rest.length === 0 ? (head as string) : { [head as string]: stateValueOf(rest) };
}

/** A state that always leaves at once, which no snapshot can show. */
const passesThrough = (node: StateNode) => node.always?.some((transition) => !transition.guard);

function unreachedStateNodes(snapshots: CustomAuthSnapshot[]): string[] {
  return getStateNodes(customAuthMachine.root)
    .filter((node) => node.path.length > 0 && !passesThrough(node))
    .filter(
      (node) => !snapshots.some((snapshot) => snapshot.matches(stateValueOf(node.path) as never)),
    )
    .map((node) => node.id);
}

describe('customAuthMachine: path coverage', () => {
  // Both starts: with something stored that may be resumed, and with nothing.
  const shortest = [true, false].flatMap((mayResume) =>
    getShortestPaths(
      customAuthMachine.provide({ guards: { mayResume: () => mayResume } }),
      traversal,
    ),
  );

  it('reaches every state node by some shortest path', () => {
    expect(unreachedStateNodes(shortest.map((path) => path.state))).toEqual([]);
  });

  it('notices a state node that no path reaches', () => {
    const fromStart = shortest.filter((path) => !path.state.matches('signedIn'));
    expect(unreachedStateNodes(fromStart.map((path) => path.state))).toEqual([
      'customAuth.signedIn',
      'customAuth.signedIn.idle',
      'customAuth.signedIn.signingOut',
    ]);
  });

  it('can reach signedIn from every state it visits: no dead ends', () => {
    for (const path of shortest) {
      if (path.state.matches('signedIn')) continue;
      const onward = getSimplePaths(customAuthMachine, {
        ...traversal,
        fromState: path.state,
        toState: (snapshot: CustomAuthSnapshot) => snapshot.matches('signedIn'),
        limit: 5_000,
      });
      expect(
        onward.length,
        `no way from ${JSON.stringify(path.state.value)} to signedIn`,
      ).toBeGreaterThan(0);
    }
    // A search over every simple path: seconds of CPU, more on a busy machine.
  }, 120_000);

  it('marks every state that waits for the backend as pending', () => {
    for (const path of shortest) {
      // Neither the listener nor the session check behind a first form holds up a screen.
      const invoked = Object.keys(path.state.children).filter(
        (id) => id !== 'authElsewhere' && id !== 'sessionCheck',
      );
      expect(path.state.hasTag('pending'), JSON.stringify(path.state.value)).toBe(
        invoked.length > 0,
      );
    }
  });
});
