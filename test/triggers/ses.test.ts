import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEvent } from './events.ts';

const ses = vi.hoisted(() => {
  const send = vi.fn(async (_command: unknown) => ({ MessageId: 'message-1' }));
  const constructed = vi.fn();
  class SESv2Client {
    send = send;
    constructor(config: unknown) {
      constructed(config);
    }
  }
  class SendEmailCommand {
    constructor(readonly input: unknown) {}
  }
  return { send, constructed, SESv2Client, SendEmailCommand };
});
vi.mock('@aws-sdk/client-sesv2', () => ({
  SESv2Client: ses.SESv2Client,
  SendEmailCommand: ses.SendEmailCommand,
}));

const { sendCodeWithSes, sendLinkWithSes, SENDER_EMAIL_VARIABLE } = await import(
  '../../src/triggers/delivery/ses.ts'
);

const input = (destination = 'alice@example.com') => ({
  destination,
  code: '042917',
  event: createEvent([]),
});

describe('sendCodeWithSes', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    ses.send.mockClear();
  });

  it('rejects with what to set when CUSTOM_AUTH_SENDER_EMAIL is missing', async () => {
    vi.stubEnv(SENDER_EMAIL_VARIABLE, '');
    await expect(sendCodeWithSes(input())).rejects.toThrow(
      /Set the CUSTOM_AUTH_SENDER_EMAIL environment variable to an address or domain verified in Amazon SES/,
    );
    expect(ses.send).not.toHaveBeenCalled();
  });

  it('sends a plain-text email with the code, from the configured sender', async () => {
    vi.stubEnv(SENDER_EMAIL_VARIABLE, 'no-reply@example.com');
    await sendCodeWithSes(input());
    expect(ses.send).toHaveBeenCalledOnce();
    const command = ses.send.mock.calls[0]?.[0];
    expect(command).toBeInstanceOf(ses.SendEmailCommand);
    expect((command as InstanceType<typeof ses.SendEmailCommand>).input).toStrictEqual({
      FromEmailAddress: 'no-reply@example.com',
      Destination: { ToAddresses: ['alice@example.com'] },
      Content: {
        Simple: {
          Subject: { Data: 'Your sign-in code', Charset: 'UTF-8' },
          Body: { Text: { Data: expect.stringContaining('042917'), Charset: 'UTF-8' } },
        },
      },
    });
  });

  it('keeps one SES client for every send', async () => {
    vi.stubEnv(SENDER_EMAIL_VARIABLE, 'no-reply@example.com');
    await sendCodeWithSes(input());
    await sendCodeWithSes(input('bob@example.com'));
    expect(ses.send).toHaveBeenCalledTimes(2);
    expect(ses.constructed).toHaveBeenCalledOnce();
  });

  it('refuses a phone number and points to a custom sendCode', async () => {
    vi.stubEnv(SENDER_EMAIL_VARIABLE, 'no-reply@example.com');
    await expect(sendCodeWithSes(input('+15555551234'))).rejects.toThrow(/Pass a custom sendCode/);
    expect(ses.send).not.toHaveBeenCalled();
  });

  it('passes an SES failure on', async () => {
    vi.stubEnv(SENDER_EMAIL_VARIABLE, 'no-reply@example.com');
    ses.send.mockRejectedValueOnce(new Error('MessageRejected: Email address is not verified.'));
    await expect(sendCodeWithSes(input())).rejects.toThrow('MessageRejected');
  });
});

describe('sendLinkWithSes', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    ses.send.mockClear();
  });

  const link = 'https://app.example/login#k1.e30.c2ln';

  it('mails the link and the code on lines of their own, from the configured sender', async () => {
    vi.stubEnv(SENDER_EMAIL_VARIABLE, 'no-reply@example.com');
    await sendLinkWithSes({ destination: 'alice@example.com', link, code: '123456' });
    const command = ses.send.mock.calls[0]?.[0] as InstanceType<typeof ses.SendEmailCommand>;
    expect(command.input).toStrictEqual({
      FromEmailAddress: 'no-reply@example.com',
      Destination: { ToAddresses: ['alice@example.com'] },
      Content: {
        Simple: {
          Subject: { Data: 'Your sign-in link', Charset: 'UTF-8' },
          Body: { Text: { Data: expect.stringContaining(`\n\n${link}\n\n`), Charset: 'UTF-8' } },
        },
      },
    });
    expect(JSON.stringify(command.input)).toContain('\\n\\n123456\\n\\n');
  });

  it('refuses a phone number and a missing sender before calling SES', async () => {
    vi.stubEnv(SENDER_EMAIL_VARIABLE, 'no-reply@example.com');
    await expect(sendLinkWithSes({ destination: '+15550001234', link, code: '1' })).rejects.toThrow(
      'only sends email',
    );
    vi.stubEnv(SENDER_EMAIL_VARIABLE, '');
    await expect(
      sendLinkWithSes({ destination: 'alice@example.com', link, code: '1' }),
    ).rejects.toThrow('or pass your own sendCode or sendLink');
    expect(ses.send).not.toHaveBeenCalled();
  });
});
