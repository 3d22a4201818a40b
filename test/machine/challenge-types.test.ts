import { describe, expect, it } from 'vitest';
import { challengeOf } from '../../src/machine/challenge.ts';
import { challengeStep, fakeServices } from '../support/fake-services.ts';
import { atChallenge, settledOn, view } from '../support/machine-harness.ts';

const read = (parameters: Record<string, string>) =>
  challengeOf({ parameters, round: 1, expiresAt: 0, resendAvailableAt: 0 });

describe('challenge types: the public parameters as a discriminated union', () => {
  it('reads a code, with where it went', () => {
    expect(
      read({
        type: 'code',
        hint: 'h',
        codeLength: '6',
        destination: '+*******1234',
        deliveryMedium: 'SMS',
        step: '2',
        steps: '3',
        attemptsLeft: '3',
      }),
    ).toMatchObject({
      type: 'code',
      name: 'code',
      hint: 'h',
      codeLength: 6,
      destination: '+*******1234',
      deliveryMedium: 'SMS',
      step: 2,
      steps: 3,
      attemptsLeft: 3,
    });
  });

  it('infers the type when the trigger sends none: a code with codeLength, else text', () => {
    expect(read({ codeLength: '8' })).toMatchObject({ type: 'code', codeLength: 8 });
    expect(read({ hint: 'Your first pet?' })).toMatchObject({
      type: 'text',
      name: 'text',
      secret: false,
      autocomplete: null,
      step: null,
      steps: null,
      attemptsLeft: null,
    });
  });

  it('reads a secret text answer and its autocomplete token', () => {
    expect(read({ type: 'text', secret: 'true', autocomplete: 'current-password' })).toMatchObject({
      type: 'text',
      secret: true,
      autocomplete: 'current-password',
    });
  });

  it('reads the options of a choice, and none when they are malformed', () => {
    const options = [
      { value: 'email', label: 'Email' },
      { value: 'sms', label: 'Text message' },
    ];
    expect(read({ type: 'choice', options: JSON.stringify(options) })).toMatchObject({
      type: 'choice',
      options,
    });
    for (const malformed of ['{', '{"value":"a"}', '[{"value":1,"label":"x"}]', '[null]']) {
      expect(read({ type: 'choice', options: malformed })).toMatchObject({ options: [] });
    }
    expect(read({ type: 'choice' })).toMatchObject({ options: [] });
  });

  it('reads what picking does, when the trigger says', () => {
    expect(read({ type: 'choice', purpose: 'delivery' })).toMatchObject({ purpose: 'delivery' });
    expect(read({ type: 'choice' })).toMatchObject({ purpose: null });
  });

  it('reads a CAPTCHA provider and site key', () => {
    expect(read({ type: 'captcha', provider: 'turnstile', siteKey: '0x4AAA' })).toMatchObject({
      type: 'captcha',
      provider: 'turnstile',
      siteKey: '0x4AAA',
    });
  });

  it('keeps an app’s own type by name', () => {
    expect(read({ type: 'fingerprint', hint: 'Touch the sensor' })).toMatchObject({
      type: 'custom',
      name: 'fingerprint',
      hint: 'Touch the sensor',
    });
  });

  it('takes only whole non-negative numbers as counts', () => {
    for (const bad of ['', '-1', '2.5', 'three', '1e3', ' 2']) {
      expect(read({ codeLength: '6', attemptsLeft: bad, step: bad }).attemptsLeft).toBeNull();
      expect(read({ codeLength: '6', step: bad }).step).toBeNull();
    }
  });
});

describe('customAuthMachine: a chain of steps', () => {
  it('moves to the next step without calling the right answer wrong', async () => {
    const services = fakeServices({
      signIn: async () => challengeStep({ type: 'code', step: '1', steps: '2' }),
      confirmSignIn: async () =>
        challengeStep({ type: 'text', hint: 'Your first pet?', step: '2', steps: '2' }),
    });
    const actor = await atChallenge(services);
    const before = view(actor).challenge;
    actor.send({ type: 'ANSWER_CHALLENGE', answer: '123456' });
    await settledOn(actor, 'challenge');
    const { challenge, error } = view(actor);
    expect(error).toBeNull();
    expect(challenge).toMatchObject({ type: 'text', step: 2, steps: 2, round: 1 });
    expect(challenge?.resendAvailableAt).toBeGreaterThanOrEqual(before?.resendAvailableAt ?? 0);
  });

  it('takes the same step by another type as a new start, not a wrong answer (anyOf)', async () => {
    const services = fakeServices({
      signIn: async () =>
        challengeStep({ type: 'passkey', step: '1', steps: '1', attemptsLeft: '3' }),
      confirmSignIn: async () =>
        challengeStep({ type: 'code', step: '1', steps: '1', attemptsLeft: '2' }),
    });
    const actor = await atChallenge(services);
    actor.send({ type: 'ANSWER_CHALLENGE', answer: 'another-way:1' });
    await settledOn(actor, 'challenge');
    expect(view(actor)).toMatchObject({
      error: null,
      challenge: { type: 'code', step: 1, round: 1, attemptsLeft: 2 },
    });
  });

  it('counts a wrong answer within a step as a new round of the same step', async () => {
    const services = fakeServices({
      signIn: async () => challengeStep({ type: 'code', step: '1', steps: '2', attemptsLeft: '3' }),
      confirmSignIn: async () =>
        challengeStep({ type: 'code', step: '1', steps: '2', attemptsLeft: '2' }),
    });
    const actor = await atChallenge(services);
    actor.send({ type: 'ANSWER_CHALLENGE', answer: '000000' });
    await settledOn(actor, 'challenge');
    expect(view(actor)).toMatchObject({
      error: { code: 'WrongAnswer', attemptsLeft: 2 },
      challenge: { step: 1, round: 2 },
    });
  });
});
