import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryAttemptStore } from '../../src/triggers/limits/attempt-store.ts';
import { createEvent } from './events.ts';

const sns = vi.hoisted(() => {
  const send = vi.fn(async (_command: unknown) => ({ MessageId: 'message-1' }));
  class SNSClient {
    send = send;
  }
  class PublishCommand {
    constructor(readonly input: unknown) {}
  }
  return { send, SNSClient, PublishCommand };
});
vi.mock('@aws-sdk/client-sns', () => ({
  SNSClient: sns.SNSClient,
  PublishCommand: sns.PublishCommand,
}));

const { sendCodeWithSns, codeSms } = await import('../../src/triggers/delivery/sns.ts');
const { codeStep } = await import('../../src/challenges/code/step.ts');

const input = (destination = '+15555551234') => ({
  destination,
  code: '042917',
  event: createEvent([]),
});

describe('sendCodeWithSns', () => {
  afterEach(() => sns.send.mockClear());

  it('publishes a transactional SMS with the code first', async () => {
    await sendCodeWithSns(input());
    const command = sns.send.mock.calls[0]?.[0] as { input: Record<string, unknown> };
    expect(command.input).toEqual({
      PhoneNumber: '+15555551234',
      Message: codeSms('042917'),
      MessageAttributes: {
        'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
      },
    });
    expect(codeSms('042917').startsWith('042917 ')).toBe(true);
  });

  it('refuses a destination that is not an E.164 number, sending nothing', async () => {
    await expect(sendCodeWithSns(input('alice@example.com'))).rejects.toThrow(/E\.164/);
    expect(sns.send).not.toHaveBeenCalled();
  });
});

describe('codeStep by SMS', () => {
  const attributes = {
    sub: 's',
    email: 'alice@example.com',
    phone_number: '+15555551234',
    phone_number_verified: 'true',
  };
  const createInput = (userName: string, userNotFound = false) => ({
    event: createEvent([], {
      userName,
      userNotFound,
      userAttributes: userNotFound ? {} : attributes,
    }),
    round: 1,
    previousMetadata: undefined,
    deliver: async (send: (() => Promise<void>) | null) => {
      await send?.();
    },
    decoySecret: 'key',
    decoyEmailDomains: ['example.com'],
    store: createMemoryAttemptStore(),
    owner: `name:${userName.toLowerCase()}`,
  });

  afterEach(() => sns.send.mockClear());

  it('sends to the phone number even when there is an email, and says SMS', async () => {
    const challenge = await codeStep({ deliver: 'sms' }).create(createInput('alice'));
    expect(challenge.parameters).toMatchObject({
      destination: '+*******1234',
      deliveryMedium: 'SMS',
    });
    const command = sns.send.mock.calls.at(-1)?.[0] as { input: { PhoneNumber: string } };
    expect(command.input.PhoneNumber).toBe('+15555551234');
  });

  it('shows an unknown user a stable masked number, sending nothing', async () => {
    const step = codeStep({ deliver: 'sms' });
    const first = await step.create(createInput('mallory', true));
    const again = await step.create(createInput('Mallory', true));
    expect(first.parameters.destination).toMatch(/^\+\*{7}\d{4}$/);
    expect(again.parameters.destination).toBe(first.parameters.destination);
    expect(first.parameters.deliveryMedium).toBe('SMS');
    expect(sns.send).not.toHaveBeenCalled();
  });

  it("ends the message with the app's origin-bound line when given its host (WebOTP)", async () => {
    const challenge = await codeStep({ deliver: 'sms', webOtpDomain: 'app.example.com' }).create(
      createInput('alice'),
    );
    const command = sns.send.mock.calls.at(-1)?.[0] as { input: { Message: string } };
    const code = challenge.privateParameters.answer;
    expect(code).toMatch(/^\d{6}$/);
    // The format the WebOTP API reads: the last line is "@host #code".
    expect(command.input.Message.split('\n').at(-1)).toBe(`@app.example.com #${code}`);
    expect(command.input.Message.startsWith(`${code} `)).toBe(true);
    expect(codeSms('042917')).not.toContain('@');
  });

  it('refuses a webOtpDomain that is not a host name', () => {
    for (const domain of ['https://app.example.com', 'app.example.com:443', 'app example', '']) {
      expect(() => codeStep({ deliver: 'sms', webOtpDomain: domain })).toThrow(
        /webOtpDomain must be the host name/,
      );
    }
  });

  it('refuses a delivery it does not know', () => {
    expect(() => codeStep({ deliver: 'pigeon' as never })).toThrow(
      /deliver must be email, sms or choice/,
    );
  });
});
