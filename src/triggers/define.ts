import type { DefineAuthChallengeTriggerEvent } from 'aws-lambda';
import {
  type CustomAuthTriggerOptions,
  type ResolvedTriggerOptions,
  resolveOptions,
} from './options.ts';
import {
  CUSTOM_CHALLENGE,
  isCustomChallenge,
  PASSWORD_VERIFIER,
  type SessionEntry,
  SRP_A,
  sessionOf,
} from './session.ts';

/** A Define Auth Challenge Lambda handler; it returns the event with its response filled in. */
export type DefineAuthChallengeHandler = (
  event: DefineAuthChallengeTriggerEvent,
) => Promise<DefineAuthChallengeTriggerEvent>;

/** What Define tells Cognito to do next. */
export type DefineDecision =
  | { type: 'challenge'; challengeName: typeof CUSTOM_CHALLENGE | typeof PASSWORD_VERIFIER }
  | { type: 'issueTokens' }
  | { type: 'fail' };

const fail: DefineDecision = { type: 'fail' };
const issueTokens: DefineDecision = { type: 'issueTokens' };
const customChallenge: DefineDecision = { type: 'challenge', challengeName: CUSTOM_CHALLENGE };
const passwordVerifier: DefineDecision = { type: 'challenge', challengeName: PASSWORD_VERIFIER };

/**
 * The custom rounds after any password step: every answer but the last must be wrong, and
 * there may be no more than `maxAttempts` of them.
 */
function decideCustomRounds(rounds: readonly SessionEntry[], maxAttempts: number): DefineDecision {
  if (!rounds.every(isCustomChallenge) || rounds.length > maxAttempts) return fail;
  const last = rounds.at(-1);
  if (!last) return customChallenge;
  if (rounds.slice(0, -1).some((round) => round.challengeResult !== false)) return fail;
  if (last.challengeResult === true) return issueTokens;
  if (last.challengeResult !== false) return fail;
  return rounds.length < maxAttempts ? customChallenge : fail;
}

/**
 * Amplify's `CUSTOM_WITHOUT_SRP` starts with an empty session; older clients start with an
 * `SRP_A` entry that carries no password check, so it is skipped.
 */
function decidePasswordless(session: readonly SessionEntry[], maxAttempts: number) {
  const rounds = session[0]?.challengeName === SRP_A ? session.slice(1) : session;
  return decideCustomRounds(rounds, maxAttempts);
}

/** `CUSTOM_WITH_SRP` always answers the first round with the password verifier. */
function decidePasswordThenCode(session: readonly SessionEntry[], maxAttempts: number) {
  const [first, verifier, ...rounds] = session;
  if (first?.challengeName !== SRP_A) return fail;
  if (!verifier) return passwordVerifier;
  if (verifier.challengeName !== PASSWORD_VERIFIER || verifier.challengeResult !== true) {
    return fail;
  }
  return decideCustomRounds(rounds, maxAttempts);
}

/**
 * Decides the next step from the session alone. Unknown users take the same path as real
 * ones: their challenge can never be answered, so they run out of attempts like anyone else.
 */
export function decideNextChallenge(
  session: readonly SessionEntry[],
  options: Pick<ResolvedTriggerOptions, 'flow' | 'maxAttempts'>,
): DefineDecision {
  return options.flow === 'passwordThenCode'
    ? decidePasswordThenCode(session, options.maxAttempts)
    : decidePasswordless(session, options.maxAttempts);
}

function applyDecision(
  response: DefineAuthChallengeTriggerEvent['response'],
  decision: DefineDecision,
) {
  response.issueTokens = decision.type === 'issueTokens';
  response.failAuthentication = decision.type === 'fail';
  if (decision.type === 'challenge') response.challengeName = decision.challengeName;
  else delete response.challengeName;
}

/** Builds the Define Auth Challenge handler for the configured flow. */
export function createDefineAuthChallenge(
  options?: CustomAuthTriggerOptions,
): DefineAuthChallengeHandler {
  const resolved = resolveOptions(options);
  return async (event) => {
    applyDecision(event.response, decideNextChallenge(sessionOf(event), resolved));
    return event;
  };
}
