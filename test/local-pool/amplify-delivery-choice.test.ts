import { signOut } from 'aws-amplify/auth';
import { describe, expect, it } from 'vitest';
import { settled, startOnAmplify as start } from '../support/amplify-machine.ts';
import { cognitoPost, latestCode, localPoolForFile } from '../support/local-pool.ts';

const pool = localPoolForFile({ flow: ['codeByChoice'] });

/** Signs a user up with both; confirming verifies the email, and an administrator the phone. */
async function registerWithPhone(username: string, verifyPhone = true) {
  const ClientId = pool().userPoolClientId;
  await cognitoPost(pool(), 'SignUp', {
    ClientId,
    Username: username,
    Password: 'Correct-Horse-1',
    UserAttributes: [
      { Name: 'email', Value: `${username}@example.com` },
      { Name: 'phone_number', Value: '+15550001234' },
    ],
  });
  await cognitoPost(pool(), 'ConfirmSignUp', {
    ClientId,
    Username: username,
    ConfirmationCode: latestCode(pool(), username),
  });
  if (!verifyPhone) return;
  await cognitoPost(pool(), 'AdminUpdateUserAttributes', {
    UserPoolId: pool().userPoolId,
    Username: username,
    UserAttributes: [{ Name: 'phone_number_verified', Value: 'true' }],
  });
}

describe('choose email or SMS, then the code, through the statechart and the real Amplify client', () => {
  it('offers both channels, sends the code by SMS when picked, and signs in', async () => {
    await registerWithPhone('olga');
    const actor = start();
    expect((await settled(actor)).route).toBe('signIn');
    actor.send({ type: 'SIGN_IN', username: 'olga' });
    const choice = await settled(actor);
    expect(choice.challenge).toMatchObject({
      type: 'choice',
      step: 1,
      steps: 2,
      options: [
        { value: 'email', label: 'Email o***@e***.com' },
        { value: 'sms', label: 'Text +*******1234' },
      ],
    });

    actor.send({ type: 'ANSWER_CHALLENGE', answer: 'sms' });
    const code = await settled(actor);
    expect(code.error).toBeNull();
    expect(code.challenge).toMatchObject({
      type: 'code',
      deliveryMedium: 'SMS',
      destination: '+*******1234',
      step: 2,
    });
    expect(pool().outbox('olga').at(-1)?.destination).toBe('+15550001234');

    actor.send({ type: 'ANSWER_CHALLENGE', answer: latestCode(pool(), 'olga') });
    expect(await settled(actor)).toMatchObject({ route: 'signedIn', user: { username: 'olga' } });
    actor.stop();
    await signOut();
  });

  it('resends by the channel picked, and by the other one when asked, at once', async () => {
    await registerWithPhone('quinn');
    const actor = start();
    await settled(actor);
    actor.send({ type: 'SIGN_IN', username: 'quinn' });
    await settled(actor);
    actor.send({ type: 'ANSWER_CHALLENGE', answer: 'email' });
    expect((await settled(actor)).challenge).toMatchObject({
      type: 'code',
      deliveryMedium: 'EMAIL',
      channels: ['email', 'sms'],
    });
    const emailed = latestCode(pool(), 'quinn');

    // Within the resend cooldown: another channel is no resend to the same address.
    actor.send({ type: 'RESEND_CHALLENGE', channel: 'sms' });
    const texted = await settled(actor);
    expect(texted.error).toBeNull();
    expect(texted.challenge).toMatchObject({
      type: 'code',
      deliveryMedium: 'SMS',
      destination: '+*******1234',
      step: 2,
      round: 1,
    });
    expect(pool().outbox('quinn').at(-1)?.destination).toBe('+15550001234');
    const code = latestCode(pool(), 'quinn');
    expect(code).not.toBe(emailed);
    actor.send({ type: 'ANSWER_CHALLENGE', answer: code });
    expect(await settled(actor)).toMatchObject({ route: 'signedIn', user: { username: 'quinn' } });
    actor.stop();
    await signOut();
  });

  it('offers only the verified email while the phone number is unverified', async () => {
    await registerWithPhone('petra', false);
    const actor = start();
    await settled(actor);
    actor.send({ type: 'SIGN_IN', username: 'petra' });
    const choice = await settled(actor);
    expect(choice.challenge).toMatchObject({
      type: 'choice',
      options: [{ value: 'email', label: 'Email p***@e***.com' }],
    });
    actor.stop();
  });

  it('sends by email when email is picked', async () => {
    await registerWithPhone('pete');
    const actor = start();
    await settled(actor);
    actor.send({ type: 'SIGN_IN', username: 'pete' });
    await settled(actor);
    actor.send({ type: 'ANSWER_CHALLENGE', answer: 'email' });
    expect((await settled(actor)).challenge).toMatchObject({
      type: 'code',
      deliveryMedium: 'EMAIL',
    });
    expect(pool().outbox('pete').at(-1)?.destination).toBe('pete@example.com');
    actor.stop();
  });
});
