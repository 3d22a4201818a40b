import { SendDurations } from '../delivery/send-durations.ts';
import { recordOwner } from '../limits/owner.ts';
import { assertNotLocked, countCodeSent, reserveAnswer } from '../limits/throttle.ts';
import { type CustomAuthTriggersOptions, resolveChainOptions } from './chain-options.ts';
import {
  type ChainStep,
  ChallengeRefusedError,
  type CustomChallengeStep,
  guesses,
  type StepVerdict,
} from './chain-step.ts';
import type {
  CreateAuthChallengeHandler,
  CustomAuthTriggers,
  DefineAuthChallengeHandler,
  VerifyAuthChallengeResponseHandler,
} from './handlers.ts';
import { type ChainPosition, chainMetadata, chainPosition } from './position.ts';
import { CUSTOM_CHALLENGE, PASSWORD_VERIFIER, sessionOf } from './session.ts';
import { grantStepUp } from './step-up.ts';

/** A step whose passing proves a factor: a password the sign-in cannot skip, a code, a passkey... */
const provesAFactor = (step: ChainStep) =>
  step.kind === 'password' ? !step.optional : step.provesFactor === true;

function validSteps(given: readonly ChainStep[]): readonly ChainStep[] {
  if (!Array.isArray(given) || given.length === 0) {
    throw new TypeError('steps must list at least one step.');
  }
  const steps = given.flatMap((step) =>
    step.kind === 'custom' && step.lead ? [step.lead, step] : [step],
  );
  if (steps.some((step, index) => step.kind === 'password' && index > 0)) {
    throw new TypeError('passwordStep() can only come first: Cognito checks the password first.');
  }
  if (steps.every((step) => step.kind === 'password')) {
    throw new TypeError('A chain needs at least one custom step after the password.');
  }
  const unproven = steps.findIndex(
    (step, index) =>
      step.kind === 'custom' && step.needsFactor && !steps.slice(0, index).some(provesAFactor),
  );
  if (unproven >= 0) {
    const { type } = steps[unproven] as CustomChallengeStep;
    throw new TypeError(
      `The ${type} step must come after a step that proves a factor (a code, a sign-in link, a passkey, a question, or a password the sign-in cannot skip).`,
    );
  }
  return steps;
}

/**
 * Define, Create and Verify for a chain of steps ("successive challenges" in Cognito's
 * guide). Define reads where the sign-in stands from the session alone; each round's
 * metadata names its step. Users who do not exist get the same chain and pass what anyone
 * could, but never its end.
 */
export function createCustomAuthTriggers(options: CustomAuthTriggersOptions): CustomAuthTriggers {
  const steps = validSteps(options.steps);
  const { stepUp } = options;
  if (stepUp !== undefined && typeof stepUp?.addGrant !== 'function') {
    throw new TypeError('stepUp must be a store of step-ups, such as the passkey store.');
  }
  // A step-up proves what a sign-in proves: every factor of the chain, so only a chain with one.
  const grantsStepUps = steps.some(provesAFactor) ? stepUp : undefined;
  const { limits, decoySendDelayMs, decoyEmailDomains } = resolveChainOptions({
    limits: options.limits,
    decoySendDelayMs: options.decoySendDelayMs,
    decoyEmailDomains: options.decoyEmailDomains,
  });
  const durations = new SendDurations(decoySendDelayMs);
  const customSteps = steps.filter((step) => step.kind === 'custom');
  const subjectOf = (event: Parameters<typeof recordOwner>[0] & { userPoolId: string }) => ({
    userPoolId: event.userPoolId,
    owner: recordOwner(event, { caseSensitive: limits.caseSensitiveUsernames }),
  });
  /** The step Create named; rounds created before chains belong to the only custom step. */
  const stepOf = (named: string | undefined): CustomChallengeStep | undefined => {
    if (named === undefined) return customSteps.length === 1 ? customSteps[0] : undefined;
    const step = /^\d{1,3}$/.test(named) ? steps[Number(named)] : undefined;
    return step?.kind === 'custom' ? step : undefined;
  };

  const defineAuthChallenge: DefineAuthChallengeHandler = async (event) => {
    const found = chainPosition(sessionOf(event), steps);
    // Users who do not exist pass what anyone could (a CAPTCHA, say), so that passing it
    // shows nothing; they fail only where the chain ends, never getting tokens.
    const position: ChainPosition =
      found.kind === 'done' && event.request.userNotFound === true ? { kind: 'fail' } : found;
    const { response } = event;
    // Granted once the whole chain is passed, before the tokens: never on one factor of several.
    if (position.kind === 'done') {
      const { owner } = subjectOf(event);
      await grantStepUp(grantsStepUps, owner, event.request.clientMetadata, Date.now());
    }
    response.issueTokens = position.kind === 'done';
    response.failAuthentication = position.kind === 'fail';
    if (position.kind === 'password') response.challengeName = PASSWORD_VERIFIER;
    else if (position.kind === 'custom') response.challengeName = CUSTOM_CHALLENGE;
    else delete response.challengeName;
    return event;
  };

  const createAuthChallenge: CreateAuthChallengeHandler = async (event) => {
    const { challengeName } = event.request;
    if (challengeName !== CUSTOM_CHALLENGE) {
      throw new Error(
        `Create Auth Challenge only creates ${CUSTOM_CHALLENGE}, got ${String(challengeName)}. ` +
          'Use the Define Auth Challenge trigger made with the same steps.',
      );
    }
    const position = chainPosition(sessionOf(event), steps);
    const step = position.kind === 'custom' ? steps[position.index] : undefined;
    if (position.kind !== 'custom' || step?.kind !== 'custom') {
      throw new Error(
        'Create Auth Challenge was called where the chain expects no custom challenge. Use the ' +
          'Define Auth Challenge trigger made with the same steps.',
      );
    }
    const now = Date.now();
    const decoySecret = await limits.store().secret();
    const subject = subjectOf(event);
    await assertNotLocked(limits, subject, now);
    const challenge = await step.create({
      event,
      round: position.round,
      previousMetadata: position.previousMetadata,
      decoySecret,
      decoyEmailDomains,
      store: limits.store(),
      owner: subject.owner,
      deliver: async (send) => {
        await countCodeSent(limits, subject, now);
        await (send ? durations.time(send) : durations.imitate());
      },
    });
    event.response.publicChallengeParameters = {
      ...challenge.parameters,
      type: challenge.type ?? step.type,
      ...(challenge.hint === undefined ? {} : { hint: challenge.hint }),
      step: String(position.index + 1 - position.skipped),
      steps: String(steps.length - position.skipped),
      attemptsLeft: String(challenge.attemptsLeft ?? step.maxAttempts - position.round + 1),
    };
    event.response.privateChallengeParameters = {
      ...challenge.privateParameters,
      step: String(position.index),
    };
    event.response.challengeMetadata = chainMetadata(position.index, challenge.metadata);
    return event;
  };

  const verifyAuthChallengeResponse: VerifyAuthChallengeResponseHandler = async (event) => {
    const privateParameters = event.request.privateChallengeParameters ?? {};
    const step = stepOf(privateParameters.step);
    const answer =
      typeof event.request.challengeAnswer === 'string' ? event.request.challengeAnswer : '';
    const subject = subjectOf(event);
    const reserved = guesses(step, answer, privateParameters)
      ? await reserveAnswer(limits, subject, Date.now())
      : unreserved;
    let verdict: StepVerdict;
    try {
      verdict =
        step !== undefined &&
        (await step.verify({
          event,
          answer,
          privateParameters,
          store: limits.store(),
          owner: subject.owner,
        }));
    } catch (error) {
      if (error instanceof ChallengeRefusedError) {
        reserved.lockIfWrong();
        throw error;
      }
      // A check that could not run (a CAPTCHA service down, say) is no wrong answer.
      await reserved.giveBack();
      throw error;
    }
    if (verdict === false) reserved.lockIfWrong();
    else await reserved.giveBack();
    event.response.answerCorrect = verdict === true;
    return event;
  };

  return { defineAuthChallenge, createAuthChallenge, verifyAuthChallengeResponse };
}

/** What an answer that holds no secret reserves: nothing. */
const unreserved = { giveBack: async () => {}, lockIfWrong: () => {} };
