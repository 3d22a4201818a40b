import type { DefineAuthChallengeTriggerHandler } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createDefineAuthChallenge } from '../../src/triggers/presets/handler-factories.ts';
import {
  customChallenge,
  defineEvent,
  passwordVerifier,
  type SessionEntry,
  srpA,
} from './events.ts';

const ask = (challengeName: string) => ({
  issueTokens: false,
  failAuthentication: false,
  challengeName,
});
const issue = { issueTokens: true, failAuthentication: false };
const fail = { issueTokens: false, failAuthentication: true };
const wrong = customChallenge(false, 'CODE-123456');
const right = customChallenge(true, 'CODE-123456');

const passwordless = createDefineAuthChallenge({ flow: 'passwordless' });
const passwordThenCode = createDefineAuthChallenge({ flow: 'passwordThenCode' });

type Case = [string, SessionEntry[], object];

describe('createDefineAuthChallenge: passwordless', () => {
  it.each<Case>([
    ['an empty session (CUSTOM_WITHOUT_SRP)', [], ask('CUSTOM_CHALLENGE')],
    ['[SRP_A] (the reference, older clients)', [srpA], ask('CUSTOM_CHALLENGE')],
    ['[SRP_A, CUSTOM_CHALLENGE true] (the reference)', [srpA, right], issue],
    ['[CUSTOM_CHALLENGE true]', [right], issue],
    ['one wrong answer', [wrong], ask('CUSTOM_CHALLENGE')],
    ['two wrong answers after SRP_A', [srpA, wrong, wrong], ask('CUSTOM_CHALLENGE')],
    ['a right answer on the last allowed round', [wrong, wrong, right], issue],
    ['maxAttempts wrong answers', [wrong, wrong, wrong], fail],
    ['maxAttempts wrong answers after SRP_A', [srpA, wrong, wrong, wrong], fail],
    ['more rounds than maxAttempts', [wrong, wrong, wrong, right], fail],
    ['a result after success', [right, wrong], fail],
    ['two successes', [srpA, right, right], fail],
    ['SRP_A twice', [srpA, srpA], fail],
    ['SRP_A after a custom round', [wrong, srpA], fail],
    ['a password step', [srpA, passwordVerifier(true)], fail],
    ['an MFA step', [{ challengeName: 'SMS_MFA', challengeResult: true }], fail],
    [
      'an unknown challenge name',
      [{ challengeName: 'MAGIC_LINK' } as unknown as SessionEntry],
      fail,
    ],
    [
      'a custom round without a boolean result',
      [{ challengeName: 'CUSTOM_CHALLENGE' } as SessionEntry],
      fail,
    ],
  ])('%s', async (_name, session, expected) => {
    const event = await passwordless(defineEvent(session));
    expect(event.response).toStrictEqual(expected);
  });
});

describe('createDefineAuthChallenge: passwordThenCode', () => {
  it.each<Case>([
    ['an empty session needs the password: fail', [], fail],
    ['[SRP_A] -> PASSWORD_VERIFIER (the reference)', [srpA], ask('PASSWORD_VERIFIER')],
    ['[SRP_A, PASSWORD_VERIFIER true]', [srpA, passwordVerifier(true)], ask('CUSTOM_CHALLENGE')],
    ['[SRP_A, PASSWORD_VERIFIER false]', [srpA, passwordVerifier(false)], fail],
    [
      '[SRP_A, PASSWORD_VERIFIER true, CUSTOM_CHALLENGE true]',
      [srpA, passwordVerifier(true), right],
      issue,
    ],
    ['a wrong code', [srpA, passwordVerifier(true), wrong], ask('CUSTOM_CHALLENGE')],
    ['a right code on round two', [srpA, passwordVerifier(true), wrong, right], issue],
    ['maxAttempts wrong codes', [srpA, passwordVerifier(true), wrong, wrong, wrong], fail],
    ['a code without SRP_A', [right], fail],
    ['a password without SRP_A', [passwordVerifier(true), right], fail],
    ['a code without the password', [srpA, right], fail],
    ['the password twice', [srpA, passwordVerifier(true), passwordVerifier(true)], fail],
    ['a result after success', [srpA, passwordVerifier(true), right, right], fail],
  ])('%s', async (_name, session, expected) => {
    const event = await passwordThenCode(defineEvent(session));
    expect(event.response).toStrictEqual(expected);
  });
});

describe('createDefineAuthChallenge', () => {
  it('defaults to the passwordless flow', async () => {
    const event = await createDefineAuthChallenge()(defineEvent([srpA]));
    expect(event.response.challengeName).toBe('CUSTOM_CHALLENGE');
  });

  it('counts rounds against maxAttempts', async () => {
    const once = createDefineAuthChallenge({ maxAttempts: 1 });
    const fiveTimes = createDefineAuthChallenge({ maxAttempts: 5 });
    expect((await once(defineEvent([wrong]))).response).toStrictEqual(fail);
    const fourWrong = [wrong, wrong, wrong, wrong];
    expect((await fiveTimes(defineEvent(fourWrong))).response).toStrictEqual(
      ask('CUSTOM_CHALLENGE'),
    );
  });

  it('overwrites every field a previous value left in the response', async () => {
    const event = defineEvent([srpA, srpA]);
    event.response = {
      challengeName: 'CUSTOM_CHALLENGE',
      issueTokens: true,
      failAuthentication: false,
    };
    const result = await passwordless(event);
    expect(result.response).toStrictEqual(fail);
    expect(result.response).not.toHaveProperty('challengeName');
  });

  it('returns the event it was given', async () => {
    const event = defineEvent([]);
    expect(await passwordless(event)).toBe(event);
  });

  it('treats a missing session like an empty one', async () => {
    const event = defineEvent([]);
    (event.request as { session?: unknown }).session = undefined;
    expect((await passwordless(event)).response).toStrictEqual(ask('CUSTOM_CHALLENGE'));
  });

  it.each<[string, SessionEntry[]]>([
    ['first round', []],
    ['after a wrong answer', [wrong]],
    ['after the last wrong answer', [wrong, wrong, wrong]],
  ])('answers an unknown user exactly as a known one: %s', async (_name, session) => {
    const known = await passwordless(defineEvent(session));
    const unknown = await passwordless(
      defineEvent(session, { userNotFound: true, userName: 'nobody' }),
    );
    expect(unknown.response).toStrictEqual(known.response);
  });

  it('fits the aws-lambda handler type', () => {
    const handler: DefineAuthChallengeTriggerHandler = passwordless;
    expect(handler).toBe(passwordless);
  });
});
