import { describe, expect, it, vi } from 'vitest';
import { codeStep } from '../../src/challenges/code/step.ts';
import { createCustomAuthTriggers } from '../../src/triggers/chain/custom-auth-triggers.ts';
import type { SendCode } from '../../src/triggers/delivery/send-code.ts';
import { createMemoryAttemptStore } from '../../src/triggers/limits/attempt-store.ts';
import { aliceAttributes, createEvent, type SessionEntry, verifyEvent } from './events.ts';

const withPhone = {
  ...aliceAttributes,
  phone_number: '+15551234567',
  phone_number_verified: 'true',
};
const round = (index: number, result: boolean, metadata = ''): SessionEntry => ({
  challengeName: 'CUSTOM_CHALLENGE',
  challengeResult: result,
  challengeMetadata: `CHAIN:${index}:${metadata}`,
});

function chain() {
  const sendCode = vi.fn<SendCode>(async () => {});
  const store = createMemoryAttemptStore({ secret: 'decoy-secret' });
  const triggers = createCustomAuthTriggers({
    steps: [codeStep({ sendCode, deliver: 'choice' })],
    decoySendDelayMs: 0,
    limits: { store },
  });
  return { ...triggers, sendCode };
}

/** Create for the code step after the choice, with the ClientMetadata the client sent. */
function codeEvent(choice: string | undefined, overrides = {}, session = [round(0, true)]) {
  const event = createEvent(session, { userAttributes: withPhone, ...overrides });
  if (choice !== undefined) event.request.clientMetadata = { choice };
  return event;
}

const options = (event: { response: { publicChallengeParameters: Record<string, string> } }) =>
  JSON.parse(event.response.publicChallengeParameters.options ?? '[]');

describe('codeStep({ deliver: choice }): the user picks the channel in a step of its own', () => {
  it('offers the channels the user has, masked, as step 1 of 2', async () => {
    const { createAuthChallenge } = chain();
    const choice = await createAuthChallenge(createEvent([], { userAttributes: withPhone }));
    expect(choice.response.publicChallengeParameters).toMatchObject({
      type: 'choice',
      purpose: 'delivery',
      hint: 'Where should we send your code?',
      step: '1',
      steps: '2',
    });
    expect(options(choice)).toEqual([
      { value: 'email', label: 'Email a***@e***.com' },
      { value: 'sms', label: 'Text +*******4567' },
    ]);
    const onlyEmail = await createAuthChallenge(createEvent([]));
    expect(options(onlyEmail).map((option: { value: string }) => option.value)).toEqual(['email']);
  });

  it('offers only verified channels', async () => {
    const { createAuthChallenge } = chain();
    const values = async (userAttributes: Record<string, string>) =>
      options(await createAuthChallenge(createEvent([], { userAttributes }))).map(
        (option: { value: string }) => option.value,
      );
    expect(await values({ ...withPhone, phone_number_verified: 'false' })).toEqual(['email']);
    expect(await values({ ...withPhone, email_verified: 'false' })).toEqual(['sms']);
    // A code chosen for an unverified channel is not sent even when the client insists.
    const { createAuthChallenge: create, sendCode } = chain();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await create(
      codeEvent('sms', { userAttributes: { ...withPhone, phone_number_verified: 'false' } }),
    );
    expect(sendCode.mock.calls.map(([input]) => input.destination)).toEqual(['alice@example.com']);
    expect(warn).not.toHaveBeenCalled();
  });

  it('takes only a channel it offered', async () => {
    const { createAuthChallenge, verifyAuthChallengeResponse } = chain();
    const choice = await createAuthChallenge(createEvent([]));
    const privateParameters = choice.response.privateChallengeParameters;
    const verify = async (answer: string) =>
      (await verifyAuthChallengeResponse(verifyEvent(answer, privateParameters))).response
        .answerCorrect;
    expect(await verify('sms')).toBe(false);
    expect(await verify('email')).toBe(true);
  });

  it('sends the code by the channel chosen, and keeps it for later rounds', async () => {
    const { createAuthChallenge, sendCode } = chain();
    const first = await createAuthChallenge(codeEvent('sms'));
    expect(sendCode).toHaveBeenCalledWith(expect.objectContaining({ destination: '+15551234567' }));
    expect(first.response.publicChallengeParameters).toMatchObject({
      type: 'code',
      deliveryMedium: 'SMS',
      destination: '+*******4567',
      step: '2',
      steps: '2',
      // What was offered, so the client may ask for the code by the other channel instead.
      channels: 'email,sms',
    });
    const metadata = first.response.challengeMetadata?.replace(/^CHAIN:1:/, '') ?? '';
    // A wrong code: the next round's answer carried no choice, the code and channel stay.
    const second = await createAuthChallenge(
      codeEvent(undefined, {}, [round(0, true), round(1, false, metadata)]),
    );
    expect(sendCode).toHaveBeenCalledTimes(1);
    expect(second.response.publicChallengeParameters.destination).toBe('+*******4567');
    expect(second.response.publicChallengeParameters.channels).toBe('email,sms');
    expect(second.response.privateChallengeParameters.answer).toBe(
      first.response.privateChallengeParameters.answer,
    );
  });

  it('falls back to a channel the user has when the client chose none or another', async () => {
    const { createAuthChallenge, sendCode } = chain();
    await createAuthChallenge(codeEvent(undefined));
    const onlyEmail = await createAuthChallenge(
      codeEvent('sms', { userAttributes: aliceAttributes }),
    );
    // One channel offered: nothing to switch to.
    expect(onlyEmail.response.publicChallengeParameters.channels).toBeUndefined();
    await createAuthChallenge(codeEvent('pigeon'));
    expect(sendCode.mock.calls.map(([input]) => input.destination)).toEqual([
      'alice@example.com',
      'alice@example.com',
      'alice@example.com',
    ]);
  });

  it('gives users who do not exist stable channels and decoy destinations, sending nothing', async () => {
    const { createAuthChallenge, sendCode } = chain();
    const ghost = { userName: 'ghost', userNotFound: true, userAttributes: {} };
    const first = options(await createAuthChallenge(createEvent([], ghost)));
    const again = options(await createAuthChallenge(createEvent([], ghost)));
    expect(again).toEqual(first);
    expect(first[0]).toMatchObject({
      value: 'email',
      label: expect.stringMatching(/^Email \w\*\*\*@/),
    });
    const channels = new Set<number>();
    for (let index = 0; index < 40; index++) {
      const event = createEvent([], { ...ghost, userName: `ghost${index}` });
      channels.add(options(await createAuthChallenge(event)).length);
    }
    // Some have a phone, some do not, as real users do.
    expect(channels).toEqual(new Set([1, 2]));
    const code = await createAuthChallenge(codeEvent('email', ghost));
    expect(code.response.publicChallengeParameters.deliveryMedium).toBe('EMAIL');
    // The code round names what the choice offered, as it does for a real user.
    const offered = first.map((option: { value: string }) => option.value);
    expect(code.response.publicChallengeParameters.channels).toBe(
      offered.length > 1 ? offered.join(',') : undefined,
    );
    expect(sendCode).not.toHaveBeenCalled();
  });
});
