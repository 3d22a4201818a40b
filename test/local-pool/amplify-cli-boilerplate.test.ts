import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Amplify } from 'aws-amplify';
import { signOut } from 'aws-amplify/auth';
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalPool } from '../../src/local-pool/index.ts';
import type { CustomAuthFlow } from '../../src/machine/index.ts';
import { defineExpectsSrpAHelp } from '../../src/react/development.ts';
import { settled, startOnAmplify } from '../support/amplify-machine.ts';
import { poolsForEachTest, registerUser } from '../support/local-pool.ts';

const fixtures = new URL('../fixtures/amplify-cli-boilerplate/', import.meta.url);
const fixture = (name: string) => fileURLToPath(new URL(name, fixtures));

type DefineVariant = 'passwordless' | 'password' | 'passwordless-fixed';

const startPool = poolsForEachTest();
const actors: Array<ReturnType<typeof startOnAmplify>> = [];
afterEach(async () => {
  for (const actor of actors.splice(0)) actor.stop();
  await signOut().catch(() => {});
});

/** A pool running the boilerplate's handlers with one Define, its log lines kept. */
async function boilerplatePool(define: DefineVariant) {
  const lines: string[] = [];
  const pool = await startPool({
    triggers: fixture(`triggers-${define}.cjs`),
    log: (line) => {
      if (line.includes('DefineAuthChallenge')) lines.push(line);
    },
  });
  Amplify.configure(pool.amplifyConfig);
  return { pool, lines };
}

/** The kit's statechart on the real Amplify client, signing `username` in with this flow. */
async function signInWithKit(pool: LocalPool, flow: CustomAuthFlow, username: string) {
  await registerUser(pool, username, 'Boilerplate-Password-9');
  const actor = startOnAmplify(flow);
  actors.push(actor);
  await settled(actor);
  actor.send({ type: 'SIGN_IN', username, password: 'Boilerplate-Password-9' });
  const afterStart = await settled(actor);
  if (afterStart.route !== 'challenge') return afterStart;
  expect(afterStart.challenge?.hint).toBe('Enter the secret code');
  const code = pool.challenges(username).at(-1)?.privateChallengeParameters.answer;
  actor.send({ type: 'ANSWER_CHALLENGE', answer: String(code) });
  return settled(actor);
}

const pointsToDocs =
  /DefineAuthChallenge .*see "Coming from the Amplify CLI boilerplate" in docs\/triggers\.md/;

describe('triggers from the Amplify CLI boilerplate, run unchanged, with the kit on Amplify JS', () => {
  it.each([
    ['passwordless', 'passwordless', 'ada', /failed ada's sign-in on an empty session/],
    ['passwordless', 'passwordThenCode', 'bea', /answered SRP_A with CUSTOM_CHALLENGE for bea/],
    ['password', 'passwordless', 'cyd', /failed cyd's sign-in on an empty session/],
    [
      'passwordless-fixed',
      'passwordThenCode',
      'gus',
      /answered SRP_A with CUSTOM_CHALLENGE for gus/,
    ],
  ] as const)(
    '%s Define, %s flow: DefineExpectsSrpA on the sign-in form, and one pool line',
    async (define, flow, username, line) => {
      const { pool, lines } = await boilerplatePool(define);
      const view = await signInWithKit(pool, flow, username);
      expect(view.route).toBe('signIn');
      expect(view.error).toEqual({ code: 'DefineExpectsSrpA' });
      expect(lines).toEqual([expect.stringMatching(line)]);
      expect(lines[0]).toMatch(pointsToDocs);
    },
  );

  it('password Define, password-then-code flow: signs in, and the pool says nothing', async () => {
    const { pool, lines } = await boilerplatePool('password');
    const view = await signInWithKit(pool, 'passwordThenCode', 'dot');
    expect(view.route).toBe('signedIn');
    expect(view.user?.username).toBe('dot');
    expect(lines).toEqual([]);
  });

  it('the passwordless Define with the two-line change: signs in passwordless, and the pool says nothing', async () => {
    const { pool, lines } = await boilerplatePool('passwordless-fixed');
    const view = await signInWithKit(pool, 'passwordless', 'eve');
    expect(view.route).toBe('signedIn');
    expect(lines).toEqual([]);
  });

  it('a wrong answer with the changed Define still ends the sign-in as the boilerplate meant', async () => {
    const { pool } = await boilerplatePool('passwordless-fixed');
    await registerUser(pool, 'fay', 'Boilerplate-Password-9');
    const actor = startOnAmplify('passwordless');
    actors.push(actor);
    await settled(actor);
    actor.send({ type: 'SIGN_IN', username: 'fay' });
    expect((await settled(actor)).route).toBe('challenge');
    actor.send({ type: 'ANSWER_CHALLENGE', answer: 'not-the-code' });
    const view = await settled(actor);
    expect(view.route).toBe('signIn');
    expect(view.error?.code).toBe('ChallengeFailed');
  });
});

describe('the two-line change docs/triggers.md and the development message give', () => {
  const lines = (name: string) => readFileSync(fixture(name), 'utf8').split('\n');

  it('is exactly two lines of the boilerplate Define, the same two the message shows', () => {
    const before = lines('define-passwordless.cjs');
    const after = lines('define-passwordless-fixed.cjs');
    const code = (all: string[]) => all.filter((line) => !line.startsWith('//'));
    const changed = code(after).filter((line) => !code(before).includes(line));
    expect(code(after)).toHaveLength(code(before).length);
    expect(changed).toHaveLength(2);
    for (const line of changed) {
      expect(defineExpectsSrpAHelp.passwordless).toContain(line.trim());
      expect(defineExpectsSrpAHelp.passwordThenCode).toContain(line.trim());
    }
    const docs = readFileSync(new URL('../../docs/triggers.md', import.meta.url), 'utf8');
    for (const line of changed) expect(docs).toContain(line.trim());
  });
});
