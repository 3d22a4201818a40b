import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createMemoryPasskeyStore } from '../../src/challenges/passkey/server/passkey-store.ts';
import { questionStep } from '../../src/challenges/text/step.ts';
import { STEP_UP_METADATA_KEY } from '../../src/shared/step-up.ts';
import type { CustomChallengeStep } from '../../src/triggers/chain/chain-step.ts';
import { createCustomAuthTriggers } from '../../src/triggers/chain/custom-auth-triggers.ts';
import type { StepUpStore } from '../../src/triggers/chain/step-up.ts';
import { createMemoryAttemptStore } from '../../src/triggers/limits/attempt-store.ts';
import { aliceAttributes, verifyEvent } from './events.ts';

const alice = `sub:${aliceAttributes.sub}`;

/** A step anyone could pass: no factor. */
const riddle: CustomChallengeStep = {
  kind: 'custom',
  type: 'riddle',
  maxAttempts: 1,
  create: async () => ({ parameters: {}, privateParameters: {}, metadata: '' }),
  verify: async ({ answer }) => answer === 'echo',
};

function triggers(stepUp: StepUpStore | undefined = createMemoryPasskeyStore()) {
  const question = questionStep({ question: 'Pet?', verify: ({ answer }) => answer === 'Rex' });
  const chain = createCustomAuthTriggers({
    steps: [riddle, question],
    stepUp,
    decoySendDelayMs: 0,
    limits: { store: createMemoryAttemptStore() },
  });
  return { ...chain, stepUp };
}

const secret = () => randomBytes(32).toString('base64url');
const digestOf = (value: string) => createHash('sha256').update(value).digest('base64url');

async function answer(
  verify: ReturnType<typeof triggers>['verifyAuthChallengeResponse'],
  text: string,
  step: number,
  clientMetadata: Record<string, string>,
  userNotFound = false,
) {
  const event = verifyEvent(text, { step: String(step) }, { userNotFound });
  event.request.clientMetadata = clientMetadata;
  return (await verify(event)).response.answerCorrect;
}

describe('a step-up: granted by an answer that proves a factor, once', () => {
  it('grants the digest sent with a right answer to a factor, to that account', async () => {
    const { verifyAuthChallengeResponse, stepUp } = triggers();
    const digest = digestOf(secret());
    expect(
      await answer(verifyAuthChallengeResponse, 'Rex', 1, { [STEP_UP_METADATA_KEY]: digest }),
    ).toBe(true);
    expect(await stepUp?.takeGrant('sub:someone-else', digest, Date.now())).toBe(false);
    expect(await stepUp?.takeGrant(alice, digest, Date.now())).toBe(true);
    expect(await stepUp?.takeGrant(alice, digest, Date.now())).toBe(false);
  });

  it('grants nothing for a wrong answer, a step that proves no factor, or nobody', async () => {
    const { verifyAuthChallengeResponse, stepUp } = triggers();
    const digest = digestOf(secret());
    const metadata = { [STEP_UP_METADATA_KEY]: digest };
    expect(await answer(verifyAuthChallengeResponse, 'Max', 1, metadata)).toBe(false);
    expect(await answer(verifyAuthChallengeResponse, 'echo', 0, metadata)).toBe(true);
    // Nobody's answer may pass a question (the chain fails them at its end): still no grant.
    await answer(verifyAuthChallengeResponse, 'Rex', 1, metadata, true);
    expect(await stepUp?.takeGrant(alice, digest, Date.now())).toBe(false);
    expect(await stepUp?.takeGrant(`name:alice`, digest, Date.now())).toBe(false);
  });

  it('grants nothing for a malformed digest, and expires what it grants', async () => {
    const { verifyAuthChallengeResponse, stepUp } = triggers();
    for (const malformed of ['', 'short', `${digestOf('x')}=`, 'a'.repeat(44)]) {
      await answer(verifyAuthChallengeResponse, 'Rex', 1, { [STEP_UP_METADATA_KEY]: malformed });
      expect(await stepUp?.takeGrant(alice, malformed, Date.now())).toBe(false);
    }
    const digest = digestOf(secret());
    await answer(verifyAuthChallengeResponse, 'Rex', 1, { [STEP_UP_METADATA_KEY]: digest });
    expect(await stepUp?.takeGrant(alice, digest, Date.now() + 5 * 60_000 + 1)).toBe(false);
  });

  it('is never granted by a chain without a store for it, and a wrong store fails at once', async () => {
    const { verifyAuthChallengeResponse } = triggers(undefined as never);
    const digest = digestOf(secret());
    expect(
      await answer(verifyAuthChallengeResponse, 'Rex', 1, { [STEP_UP_METADATA_KEY]: digest }),
    ).toBe(true);
    expect(() => createCustomAuthTriggers({ steps: [riddle], stepUp: {} as StepUpStore })).toThrow(
      /stepUp must be a store/,
    );
  });
});
