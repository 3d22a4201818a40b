import { confirmSignIn, getCurrentUser, signIn, signOut } from 'aws-amplify/auth';
import { describe, expect, it } from 'vitest';
import { toAuthError } from '../../src/machine/errors.ts';
import {
  codeStep,
  createCustomAuthTriggers,
  createMemoryAttemptStore,
  passwordStep,
  questionStep,
} from '../../src/triggers/index.ts';
import { localPoolForFile, registerUser } from '../support/local-pool.ts';

const codes = new Map<string, string>();
const steps = (withPassword: boolean) => [
  ...(withPassword ? [passwordStep()] : []),
  codeStep({
    sendCode: async ({ event, code }) => {
      codes.set(event.userName, code);
    },
  }),
  questionStep({
    question: 'Name of your first pet?',
    verify: ({ answer }) => answer.trim().toLowerCase() === 'rex',
  }),
];
const triggers = (withPassword: boolean) =>
  createCustomAuthTriggers({
    steps: steps(withPassword),
    limits: { store: createMemoryAttemptStore() },
    decoySendDelayMs: 0,
  });

/** Answers wrong once at each custom step, then right, and expects to be signed in. */
async function walkTheChain(username: string, total: number) {
  const first = await confirmSignIn({ challengeResponse: '000000' });
  expect(first.nextStep).toMatchObject({
    additionalInfo: {
      type: 'code',
      step: String(total - 1),
      steps: String(total),
      attemptsLeft: '2',
    },
  });
  const question = await confirmSignIn({ challengeResponse: codes.get(username) ?? '' });
  expect(question.nextStep).toMatchObject({
    additionalInfo: { type: 'text', hint: 'Name of your first pet?', step: String(total) },
  });
  const again = await confirmSignIn({ challengeResponse: 'Fido' });
  expect(again.nextStep).toMatchObject({ additionalInfo: { type: 'text', attemptsLeft: '2' } });
  const done = await confirmSignIn({ challengeResponse: 'Rex' });
  expect(done.isSignedIn).toBe(true);
  expect((await getCurrentUser()).username).toBe(username);
  await signOut();
}

describe('a chain of steps through the real Amplify client: password, code, question', () => {
  const pool = localPoolForFile({ triggers: triggers(true) });

  it('passes each step in turn, with a wrong answer at each, in CUSTOM_WITH_SRP', async () => {
    await registerUser(pool(), 'ivan', 'Ivan-Password-9');
    const started = await signIn({
      username: 'ivan',
      password: 'Ivan-Password-9',
      options: { authFlowType: 'CUSTOM_WITH_SRP' },
    });
    expect(started.nextStep).toMatchObject({
      signInStep: 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE',
      additionalInfo: { type: 'code', step: '2', steps: '3', destination: 'i***@e***.com' },
    });
    await walkTheChain('ivan', 3);
  });

  it('fails a step whose attempts run out, with a clear error', async () => {
    await registerUser(pool(), 'judy', 'Judy-Password-9');
    await signIn({
      username: 'judy',
      password: 'Judy-Password-9',
      options: { authFlowType: 'CUSTOM_WITH_SRP' },
    });
    await confirmSignIn({ challengeResponse: codes.get('judy') ?? '' });
    await confirmSignIn({ challengeResponse: 'Fido' });
    await confirmSignIn({ challengeResponse: 'Fido' });
    const error = await confirmSignIn({ challengeResponse: 'Fido' }).catch((caught) => caught);
    expect(toAuthError(error).code).toBe('NotAuthorized');
  });
});

describe('a chain of steps through the real Amplify client: code, question', () => {
  const pool = localPoolForFile({ triggers: triggers(false) });

  it('passes each step in turn, with a wrong answer at each, in CUSTOM_WITHOUT_SRP', async () => {
    await registerUser(pool(), 'kim');
    const started = await signIn({
      username: 'kim',
      options: { authFlowType: 'CUSTOM_WITHOUT_SRP' },
    });
    expect(started.nextStep).toMatchObject({
      additionalInfo: { type: 'code', step: '1', steps: '2' },
    });
    await walkTheChain('kim', 2);
  });
});
