import { describe, expect, it, vi } from 'vitest';
import type { SignInStep } from '../../src/machine/index.ts';
import { challengeStep, deferred, fakeServices } from '../support/fake-services.ts';
import { atChallenge, settledOn, view } from '../support/machine-harness.ts';

const deliveryChoice = (values = ['email', 'sms']) =>
  challengeStep({
    type: 'choice',
    purpose: 'delivery',
    options: JSON.stringify(values.map((value) => ({ value, label: value }))),
    step: '1',
    steps: '2',
  });
const codeBy = (deliveryMedium: 'EMAIL' | 'SMS', channels = 'email,sms') =>
  challengeStep({ deliveryMedium, channels, step: '2', steps: '2' });

/**
 * At the code round a choice of channel led to (sent by email), with every later start
 * coming to the choice first, as a `codeStep({ deliver: 'choice' })` chain does.
 */
async function atCodeAfterChoice(resendCooldownMs = 0, newStart = deliveryChoice()) {
  let starts = 0;
  const services = fakeServices({
    signIn: async () => (starts++ === 0 ? codeBy('EMAIL') : newStart),
    confirmSignIn: async (answer) => codeBy(answer === 'sms' ? 'SMS' : 'EMAIL'),
  });
  const actor = await atChallenge(services, { resendCooldownMs });
  return { actor, services };
}

describe('resend after a choice of channel', () => {
  it('picks the same channel again, so a resend ends at the code, not at the choice', async () => {
    const { actor, services } = await atCodeAfterChoice();
    actor.send({ type: 'RESEND_CHALLENGE' });
    await settledOn(actor, 'challenge');
    expect(services.signIn).toHaveBeenCalledTimes(2);
    // The service sees a plain sign-in request; the pick is answered as the user's would be.
    expect(services.signIn.mock.calls[1]?.[0]).not.toHaveProperty('deliveryChoice');
    expect(services.confirmSignIn).toHaveBeenCalledWith('email', { choice: 'email' });
    expect(view(actor)).toMatchObject({
      error: null,
      challenge: { type: 'code', deliveryMedium: 'EMAIL', step: 2, round: 1 },
    });
  });

  it('sends by another channel at once, through the cooldown that holds a plain resend', async () => {
    const { actor, services } = await atCodeAfterChoice(30_000);
    actor.send({ type: 'RESEND_CHALLENGE' });
    expect(view(actor).error).toMatchObject({ code: 'ResendCooldown' });
    expect(services.signIn).toHaveBeenCalledTimes(1);
    actor.send({ type: 'RESEND_CHALLENGE', channel: 'sms' });
    await settledOn(actor, 'challenge');
    expect(services.confirmSignIn).toHaveBeenCalledWith('sms', { choice: 'sms' });
    expect(view(actor)).toMatchObject({
      error: null,
      challenge: { deliveryMedium: 'SMS', channels: ['email', 'sms'], round: 1 },
    });
  });

  it('stops at the choice when the new start no longer offers the channel', async () => {
    const { actor, services } = await atCodeAfterChoice(0, deliveryChoice(['email']));
    actor.send({ type: 'RESEND_CHALLENGE', channel: 'sms' });
    await settledOn(actor, 'challenge');
    expect(services.confirmSignIn).not.toHaveBeenCalled();
    expect(view(actor).challenge).toMatchObject({ type: 'choice', options: [{ value: 'email' }] });
  });

  it('picks nothing for a code no choice led to', async () => {
    const services = fakeServices({
      signIn: async () =>
        services.signIn.mock.calls.length > 1 ? deliveryChoice() : codeBy('EMAIL', ''),
    });
    const actor = await atChallenge(services, { resendCooldownMs: 0 });
    expect(view(actor).challenge).toMatchObject({ type: 'code', channels: [] });
    actor.send({ type: 'RESEND_CHALLENGE' });
    await settledOn(actor, 'challenge');
    expect(services.confirmSignIn).not.toHaveBeenCalled();
    expect(view(actor).challenge).toMatchObject({ type: 'choice' });
  });

  it('makes no pick for a resend given up while its new start was on the way', async () => {
    const start = deferred<SignInStep>();
    const { actor, services } = await atCodeAfterChoice();
    services.signIn.mockImplementationOnce(() => start.promise);
    actor.send({ type: 'RESEND_CHALLENGE', channel: 'sms' });
    await vi.waitFor(() => expect(services.signIn).toHaveBeenCalledTimes(2));
    actor.send({ type: 'GO_TO_SIGN_IN' });
    await settledOn(actor, 'signIn');
    start.resolve(deliveryChoice());
    // The queue has run the abandoned start to its end: a later call waits for it.
    actor.send({ type: 'SIGN_IN', username: 'alice' });
    await settledOn(actor, 'challenge');
    expect(services.confirmSignIn).not.toHaveBeenCalled();
  });
});
