import { describe, expect, it, vi } from 'vitest';
import { codeStep } from '../../src/challenges/code/step.ts';
import { questionStep } from '../../src/challenges/text/step.ts';
import { createCustomAuthTriggers } from '../../src/triggers/chain/custom-auth-triggers.ts';
import { passwordStep } from '../../src/triggers/chain/password-step.ts';
import type { SendCode } from '../../src/triggers/delivery/send-code.ts';
import { createMemoryAttemptStore } from '../../src/triggers/limits/attempt-store.ts';
import {
  createEvent,
  defineEvent,
  passwordVerifier,
  type SessionEntry,
  srpA,
  verifyEvent,
} from './events.ts';

const round = (index: number, result: boolean, metadata = ''): SessionEntry => ({
  challengeName: 'CUSTOM_CHALLENGE',
  challengeResult: result,
  challengeMetadata: `CHAIN:${index}:${metadata}`,
});

function chain(withPassword = true, limits = {}) {
  const sendCode = vi.fn<SendCode>(async () => {});
  const questionVerify = vi.fn(({ answer }: { answer: string }) => answer === 'Rex');
  const steps = [
    ...(withPassword ? [passwordStep()] : []),
    codeStep({ sendCode, maxAttempts: 2 }),
    questionStep({ question: 'Name of your first pet?', verify: questionVerify, maxAttempts: 2 }),
  ];
  const triggers = createCustomAuthTriggers({
    steps,
    decoySendDelayMs: 0,
    limits: { store: createMemoryAttemptStore(), ...limits },
  });
  return { ...triggers, sendCode, questionVerify };
}

async function decision(session: SessionEntry[], withPassword = true) {
  const { response } = await chain(withPassword).defineAuthChallenge(defineEvent(session));
  if (response.issueTokens) return 'tokens';
  if (response.failAuthentication) return 'fail';
  return response.challengeName;
}

describe('createCustomAuthTriggers: Define walks the chain', () => {
  it.each([
    [[], 'fail'],
    [[srpA], 'PASSWORD_VERIFIER'],
    [[srpA, passwordVerifier(false)], 'fail'],
    [[srpA, passwordVerifier(true)], 'CUSTOM_CHALLENGE'],
    [[srpA, passwordVerifier(true), round(1, false)], 'CUSTOM_CHALLENGE'],
    [[srpA, passwordVerifier(true), round(1, false), round(1, false)], 'fail'],
    [[srpA, passwordVerifier(true), round(1, true)], 'CUSTOM_CHALLENGE'],
    [[srpA, passwordVerifier(true), round(1, true), round(2, false)], 'CUSTOM_CHALLENGE'],
    [[srpA, passwordVerifier(true), round(1, false), round(1, true), round(2, true)], 'tokens'],
    [[srpA, passwordVerifier(true), round(2, true)], 'fail'],
    // A round another Create made (no chain metadata) counts for the current step.
    [
      [
        srpA,
        passwordVerifier(true),
        { challengeName: 'CUSTOM_CHALLENGE', challengeResult: true, challengeMetadata: 'CODE-1' },
      ],
      'CUSTOM_CHALLENGE',
    ],
  ] as const)('with the password first: %j -> %s', async (session, expected) => {
    expect(await decision([...session])).toBe(expected);
  });

  it.each([
    [[], 'CUSTOM_CHALLENGE'],
    [[srpA], 'CUSTOM_CHALLENGE'],
    [[round(0, true), round(1, true)], 'tokens'],
    [[round(0, true), round(1, false), round(1, false)], 'fail'],
  ] as const)('without a password: %j -> %s', async (session, expected) => {
    expect(await decision([...session], false)).toBe(expected);
  });
});

describe('createCustomAuthTriggers: Create and Verify', () => {
  it('says which step of how many, of which type, and keeps the code private', async () => {
    const { createAuthChallenge, sendCode } = chain();
    const first = await createAuthChallenge(createEvent([srpA, passwordVerifier(true)]));
    expect(first.response.publicChallengeParameters).toEqual({
      type: 'code',
      step: '2',
      steps: '3',
      attemptsLeft: '2',
      codeLength: '6',
      destination: 'a***@e***.com',
      deliveryMedium: 'EMAIL',
    });
    const code = sendCode.mock.calls[0]?.[0].code ?? '';
    expect(first.response.privateChallengeParameters).toEqual({ answer: code, step: '1' });
    expect(JSON.stringify(first.response.publicChallengeParameters)).not.toContain(code);

    const second = await createAuthChallenge(
      createEvent([srpA, passwordVerifier(true), round(1, false, code)]),
    );
    expect(second.response.publicChallengeParameters.attemptsLeft).toBe('1');
    expect(second.response.privateChallengeParameters.answer).toBe(code);
    expect(sendCode).toHaveBeenCalledOnce();
  });

  it('asks the question of the next step, masked when secret', async () => {
    const { createAuthChallenge } = chain();
    const event = await createAuthChallenge(
      createEvent([srpA, passwordVerifier(true), round(1, true, '123456')]),
    );
    expect(event.response.publicChallengeParameters).toEqual({
      type: 'text',
      hint: 'Name of your first pet?',
      step: '3',
      steps: '3',
      attemptsLeft: '2',
    });
    expect(event.response.challengeMetadata).toBe('CHAIN:2:');
  });

  it('checks each step’s answer with that step', async () => {
    const { verifyAuthChallengeResponse: verify, questionVerify } = chain(true, {
      maxWrongAnswers: 10,
    });
    const passed = async (answer: string, privateParameters: Record<string, string>) =>
      (await verify(verifyEvent(answer, privateParameters))).response.answerCorrect;
    expect(await passed(' 123-456 ', { answer: '123456', step: '1' })).toBe(true);
    expect(await passed('123457', { answer: '123456', step: '1' })).toBe(false);
    expect(await passed('Rex', { step: '2' })).toBe(true);
    expect(await passed('Fido', { step: '2' })).toBe(false);
    expect(questionVerify).toHaveBeenLastCalledWith(
      expect.objectContaining({ answer: 'Fido', userName: 'alice', userNotFound: false }),
    );
    expect(await passed('123456', { answer: '123456', step: '7' })).toBe(false);
    // A round that names no step is not checked by whichever step comes first.
    expect(await passed('123456', { answer: '123456' })).toBe(false);
    expect(await passed('123456', { answer: '123456', step: '' })).toBe(false);
  });

  it('takes a user who does not exist as far as anyone could go, and never to tokens', async () => {
    const { createAuthChallenge, verifyAuthChallengeResponse, defineAuthChallenge, sendCode } =
      chain(false);
    const unknown = { userName: 'mallory', userNotFound: true, userAttributes: {} };
    const created = await createAuthChallenge(createEvent([], unknown));
    expect(Object.keys(created.response.publicChallengeParameters).sort()).toEqual([
      'attemptsLeft',
      'codeLength',
      'deliveryMedium',
      'destination',
      'step',
      'steps',
      'type',
    ]);
    expect(sendCode).not.toHaveBeenCalled();
    const code = await verifyAuthChallengeResponse(
      verifyEvent('123456', created.response.privateChallengeParameters, unknown),
    );
    expect(code.response.answerCorrect).toBe(false);
    // A step anyone can pass (here the app's check says yes) passes, so passing shows nothing…
    const question = await verifyAuthChallengeResponse(verifyEvent('Rex', { step: '1' }, unknown));
    expect(question.response.answerCorrect).toBe(true);
    // …but the end of the chain is never reached.
    const end = await defineAuthChallenge(
      defineEvent([round(0, true), round(1, true)], { ...unknown }),
    );
    expect(end.response).toMatchObject({ issueTokens: false, failAuthentication: true });
  });

  it('does not count a check that could not run, and says why', async () => {
    const store = createMemoryAttemptStore();
    const { verifyAuthChallengeResponse } = createCustomAuthTriggers({
      steps: [
        questionStep({
          question: 'Anything?',
          verify: () => {
            throw new Error('the check is down');
          },
        }),
      ],
      limits: { store, maxWrongAnswers: 1 },
    });
    await expect(verifyAuthChallengeResponse(verifyEvent('x', { step: '0' }))).rejects.toThrow(
      'the check is down',
    );
    await expect(verifyAuthChallengeResponse(verifyEvent('x', { step: '0' }))).rejects.toThrow(
      'the check is down',
    );
  });

  it('counts wrong answers of every step against the username’s limits', async () => {
    const { verifyAuthChallengeResponse: verify } = chain(true, { maxWrongAnswers: 2 });
    await verify(verifyEvent('000000', { answer: '123456', step: '1' }));
    await expect(verify(verifyEvent('Fido', { step: '2' }))).rejects.toThrow(/^SignInLocked/);
  });

  it.each([
    [[], /at least one step/],
    [[codeStep(), passwordStep()], /can only come first/],
    [[passwordStep()], /at least one custom step/],
  ])('refuses a chain that cannot work: %#', (steps, message) => {
    expect(() => createCustomAuthTriggers({ steps })).toThrow(message);
  });
});
