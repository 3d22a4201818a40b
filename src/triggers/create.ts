import type { CreateAuthChallengeTriggerEvent } from 'aws-lambda';
import {
  codeFromMetadata,
  codeToMetadata,
  decoyMaskedDestination,
  generateCode,
  UNKNOWN_USER_METADATA,
  unguessableAnswer,
} from './code.ts';
import { assertNotLocked, countCodeSent } from './limits.ts';
import { maskDestination } from './mask.ts';
import {
  type CustomAuthTriggerOptions,
  type ResolvedTriggerOptions,
  resolveOptions,
} from './options.ts';
import { SendDurations } from './send-durations.ts';
import { CUSTOM_CHALLENGE, customRounds, latestCustomChallenge, sessionOf } from './session.ts';

/** A Create Auth Challenge Lambda handler; it returns the event with its response filled in. */
export type CreateAuthChallengeHandler = (
  event: CreateAuthChallengeTriggerEvent,
) => Promise<CreateAuthChallengeTriggerEvent>;

/**
 * The public challenge parameters, all strings since Cognito passes only strings. They reach
 * the client as Amplify's `nextStep.additionalInfo`.
 */
export interface CustomChallengeParameters {
  /** The text to show above the code input. */
  hint: string;
  /** Where the code went, masked: `a***@e***.com` or `+*******1234`. */
  destination: string;
  /** Digits in the code. */
  codeLength: string;
  /** Answers left including the one about to be given. */
  attemptsLeft: string;
}

/** The private challenge parameters Verify receives. */
export interface CustomChallengePrivateParameters {
  answer: string;
}

/** The address the code goes to: email first, then phone number. */
export function destinationOf(event: CreateAuthChallengeTriggerEvent): string {
  const attributes: Partial<Record<string, string>> = event.request.userAttributes ?? {};
  const destination = attributes.email?.trim() || attributes.phone_number?.trim();
  if (!destination) {
    throw new Error(
      `User ${event.userName} has neither an email nor a phone_number attribute, so there is ` +
        'nowhere to send a sign-in code. Require one of them at sign-up.',
    );
  }
  return destination;
}

function publicParameters(
  options: ResolvedTriggerOptions,
  event: CreateAuthChallengeTriggerEvent,
  maskedDestination: string,
): CustomChallengeParameters {
  const attemptsLeft = Math.max(0, options.maxAttempts - customRounds(sessionOf(event)));
  return {
    hint: options.hint,
    destination: maskedDestination,
    codeLength: String(options.codeLength),
    attemptsLeft: String(attemptsLeft),
  };
}

function respond(
  event: CreateAuthChallengeTriggerEvent,
  parameters: CustomChallengeParameters,
  privateParameters: CustomChallengePrivateParameters,
  challengeMetadata: string,
) {
  event.response.publicChallengeParameters = { ...parameters };
  event.response.privateChallengeParameters = { ...privateParameters };
  event.response.challengeMetadata = challengeMetadata;
  return event;
}

/**
 * A new code is counted against the username's limits before it goes out; a user who does
 * not exist is counted the same way and waits as long as a send takes, so neither a lock
 * nor the answer time tells the two apart.
 */
async function sendNewCode(
  event: CreateAuthChallengeTriggerEvent,
  options: ResolvedTriggerOptions,
  durations: SendDurations,
  send: (() => Promise<void>) | null,
) {
  const now = Date.now();
  await assertNotLocked(options.limits, event, now);
  await countCodeSent(options.limits, event, now);
  await (send ? durations.time(send) : durations.imitate());
}

/**
 * An unknown user gets a challenge that looks like a real one and can never be passed, and
 * nothing is sent anywhere.
 */
async function createUnknownUserChallenge(
  event: CreateAuthChallengeTriggerEvent,
  options: ResolvedTriggerOptions,
  durations: SendDurations,
  secret: string,
) {
  if (!latestCustomChallenge(sessionOf(event))) await sendNewCode(event, options, durations, null);
  const masked = decoyMaskedDestination(event.userName, secret, options.decoyEmailDomains);
  const parameters = publicParameters(options, event, masked);
  return respond(event, parameters, { answer: unguessableAnswer() }, UNKNOWN_USER_METADATA);
}

/**
 * The code is made and sent on the first round only; later rounds read it back from the
 * session, so a wrong answer does not send the user a second, different code.
 */
async function createCodeChallenge(
  event: CreateAuthChallengeTriggerEvent,
  options: ResolvedTriggerOptions,
  durations: SendDurations,
) {
  const destination = destinationOf(event);
  const previous = latestCustomChallenge(sessionOf(event))?.challengeMetadata;
  let code = codeFromMetadata(previous, options.codeLength);
  if (code === undefined) {
    const newCode = generateCode(options.codeLength);
    await sendNewCode(event, options, durations, () =>
      options.sendCode({ destination, code: newCode, event }),
    );
    code = newCode;
  }
  const parameters = publicParameters(options, event, maskDestination(destination));
  return respond(event, parameters, { answer: code }, codeToMetadata(code));
}

/** Builds the Create Auth Challenge handler: a one-time code, sent once per sign-in. */
export function createCreateAuthChallenge(
  options?: CustomAuthTriggerOptions,
): CreateAuthChallengeHandler {
  const resolved = resolveOptions(options);
  const durations = new SendDurations(resolved.decoySendDelayMs);
  return async (event) => {
    const challengeName = event.request.challengeName;
    if (challengeName !== CUSTOM_CHALLENGE) {
      throw new Error(
        `Create Auth Challenge only creates ${CUSTOM_CHALLENGE}, got ${String(challengeName)}. ` +
          'Use the Define Auth Challenge trigger from the same package, with the same options.',
      );
    }
    // Read for everyone, first, so that its first (uncached) read sets no one apart.
    const secret = await resolved.limits.store().secret();
    return event.request.userNotFound === true
      ? createUnknownUserChallenge(event, resolved, durations, secret)
      : createCodeChallenge(event, resolved, durations);
  };
}
