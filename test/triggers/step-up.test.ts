import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createMemoryPasskeyStore } from '../../src/challenges/passkey/server/passkey-store.ts';
import { questionStep } from '../../src/challenges/text/step.ts';
import { STEP_UP_METADATA_KEY } from '../../src/shared/step-up.ts';
import type { ChainStep, CustomChallengeStep } from '../../src/triggers/chain/chain-step.ts';
import { createCustomAuthTriggers } from '../../src/triggers/chain/custom-auth-triggers.ts';
import type { StepUpStore } from '../../src/triggers/chain/step-up.ts';
import { aliceAttributes, defineEvent, type SessionEntry } from './events.ts';

const alice = `sub:${aliceAttributes.sub}`;

/** A step anyone could pass: no factor. */
const riddle: CustomChallengeStep = {
  kind: 'custom',
  type: 'riddle',
  maxAttempts: 1,
  create: async () => ({ parameters: {}, privateParameters: {}, metadata: '' }),
  verify: async ({ answer }) => answer === 'echo',
};
const question = questionStep({ question: 'Pet?', verify: ({ answer }) => answer === 'Rex' });

const passed = (index: number): SessionEntry => ({
  challengeName: 'CUSTOM_CHALLENGE',
  challengeResult: true,
  challengeMetadata: `CHAIN:${index}:`,
});

const digestOf = () =>
  createHash('sha256').update(randomBytes(32).toString('base64url')).digest('base64url');

/** Define, after `session`, with the answer's ClientMetadata asking for a step-up. */
async function define(
  steps: ChainStep[],
  session: SessionEntry[],
  digest: string,
  options: { userNotFound?: boolean; stepUp?: StepUpStore | null } = {},
) {
  const stepUp =
    options.stepUp === null ? undefined : (options.stepUp ?? createMemoryPasskeyStore());
  const { defineAuthChallenge } = createCustomAuthTriggers({ steps, stepUp, decoySendDelayMs: 0 });
  const event = defineEvent(session, { userNotFound: options.userNotFound });
  event.request.clientMetadata = { [STEP_UP_METADATA_KEY]: digest };
  const { response } = await defineAuthChallenge(event);
  return { response, stepUp };
}

describe('a step-up: granted once a sign-in has passed the whole chain', () => {
  it('grants the digest the last answer sent, to that account, once', async () => {
    const digest = digestOf();
    const { response, stepUp } = await define([question], [passed(0)], digest);
    expect(response.issueTokens).toBe(true);
    expect(await stepUp?.takeGrant('sub:someone-else', digest, Date.now())).toBe(false);
    expect(await stepUp?.takeGrant(alice, digest, Date.now())).toBe(true);
    expect(await stepUp?.takeGrant(alice, digest, Date.now())).toBe(false);
  });

  it('grants nothing on one factor of two, only once both are passed', async () => {
    const digest = digestOf();
    const steps = [question, questionStep({ question: 'Town?', verify: () => true })];
    const halfway = await define(steps, [passed(0)], digest);
    expect(halfway.response.issueTokens).toBe(false);
    expect(await halfway.stepUp?.takeGrant(alice, digest, Date.now())).toBe(false);
    const done = await define(steps, [passed(0), passed(1)], digest);
    expect(await done.stepUp?.takeGrant(alice, digest, Date.now())).toBe(true);
  });

  it('grants nothing for a chain that proves no factor, nor to nobody', async () => {
    const digest = digestOf();
    const noFactor = await define([riddle], [passed(0)], digest);
    expect(noFactor.response.issueTokens).toBe(true);
    expect(await noFactor.stepUp?.takeGrant(alice, digest, Date.now())).toBe(false);
    const nobody = await define([question], [passed(0)], digest, { userNotFound: true });
    expect(nobody.response.failAuthentication).toBe(true);
    expect(await nobody.stepUp?.takeGrant(alice, digest, Date.now())).toBe(false);
    expect(await nobody.stepUp?.takeGrant('name:alice', digest, Date.now())).toBe(false);
  });

  it('grants nothing for a malformed digest, and expires what it grants', async () => {
    for (const malformed of ['', 'short', `${digestOf()}=`, 'a'.repeat(44)]) {
      const { stepUp } = await define([question], [passed(0)], malformed);
      expect(await stepUp?.takeGrant(alice, malformed, Date.now())).toBe(false);
    }
    const digest = digestOf();
    const { stepUp } = await define([question], [passed(0)], digest);
    expect(await stepUp?.takeGrant(alice, digest, Date.now() + 5 * 60_000 + 1)).toBe(false);
  });

  it('is never granted by a chain without a store for it, and a wrong store fails at once', async () => {
    const { response } = await define([question], [passed(0)], digestOf(), { stepUp: null });
    expect(response.issueTokens).toBe(true);
    expect(() => createCustomAuthTriggers({ steps: [riddle], stepUp: {} as StepUpStore })).toThrow(
      /stepUp must be a store/,
    );
  });
});
