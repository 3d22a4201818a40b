import { CognitoError } from '../protocol/errors.ts';
import type { AuthSession } from './sessions.ts';

const boilerplateHelp = 'see "Coming from the Amplify CLI boilerplate" in docs/triggers.md';

/**
 * The two ways a Define written for the Amplify CLI boilerplate (which expects every session
 * to open with SRP_A) meets this kit's clients: failing the passwordless start, whose session
 * is empty, or answering CUSTOM_CHALLENGE to SRP_A, which Amplify JS answers as
 * PASSWORD_VERIFIER whatever comes back. Neither says why on the client.
 */
export function boilerplateMismatch(
  session: AuthSession,
  response: { failAuthentication?: unknown; challengeName?: unknown } | undefined,
): string | undefined {
  const [first] = session.history;
  if (response?.failAuthentication === true && first === undefined) {
    return `DefineAuthChallenge failed ${session.username}'s sign-in on an empty session (CUSTOM_AUTH without SRP_A, the passwordless start); a Define that expects SRP_A first does this: ${boilerplateHelp}.`;
  }
  if (
    response?.challengeName === 'CUSTOM_CHALLENGE' &&
    session.history.length === 1 &&
    first?.challengeName === 'SRP_A'
  ) {
    return `DefineAuthChallenge answered SRP_A with CUSTOM_CHALLENGE for ${session.username}; Amplify JS always answers SRP_A as PASSWORD_VERIFIER and fails with EmptyUserIdForSRPException: ${boilerplateHelp}.`;
  }
  return undefined;
}

export const lambdaResponseError = (message: string) =>
  new CognitoError('InvalidLambdaResponseException', message);

/** Create's public or private parameters: a map of strings, else the trigger's answer is refused. */
export function stringParameters(value: unknown, what: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw lambdaResponseError(`CreateAuthChallenge returned ${what} that is not a map.`);
  }
  const entries = Object.entries(value);
  if (entries.some(([, entry]) => typeof entry !== 'string')) {
    throw lambdaResponseError(
      `CreateAuthChallenge returned ${what} with a value that is not a string.`,
    );
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

/** The answers Cognito gives when a trigger throws, hangs or returns what it cannot use. */
const triggerFailures = new Set([
  'UserLambdaValidationException',
  'UnexpectedLambdaException',
  'InvalidLambdaResponseException',
]);

/**
 * A trigger's failure as one line: the client sees only Cognito's generic answer, so the
 * developer reads the reason here. The message already names the trigger; nothing of the event
 * (codes, private parameters) is printed.
 */
export function triggerFailureLine(username: string, error: unknown): string | undefined {
  if (!(error instanceof CognitoError) || !triggerFailures.has(error.type)) return undefined;
  const message = error.message.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  return `${username}'s sign-in: ${message} (answered ${error.type})`;
}
