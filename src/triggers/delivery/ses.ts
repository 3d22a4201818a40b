import { lazily } from '../common/lazily.ts';
import { localOutbox } from './local-delivery.ts';
import type { SendCodeInput } from './send-code.ts';

/** The environment variable holding the verified SES identity codes are sent from. */
export const SENDER_EMAIL_VARIABLE = 'CUSTOM_AUTH_SENDER_EMAIL';
const SES_PACKAGE = '@aws-sdk/client-sesv2';

type SesModule = typeof import('@aws-sdk/client-sesv2');
interface SesSender {
  client: InstanceType<SesModule['SESv2Client']>;
  SendEmailCommand: SesModule['SendEmailCommand'];
}

async function loadSesModule(): Promise<SesModule> {
  try {
    return await import('@aws-sdk/client-sesv2');
  } catch (cause) {
    throw new Error(
      `The default sendCode needs the optional package ${SES_PACKAGE}. Install it ` +
        `(npm install ${SES_PACKAGE}) or pass your own sendCode to the trigger factories.`,
      { cause },
    );
  }
}

const sesSender = lazily(async (): Promise<SesSender> => {
  const { SESv2Client, SendEmailCommand } = await loadSesModule();
  return { client: new SESv2Client({}), SendEmailCommand };
});

function senderAddress(): string {
  const address = process.env[SENDER_EMAIL_VARIABLE]?.trim();
  if (!address) {
    throw new Error(
      `Set the ${SENDER_EMAIL_VARIABLE} environment variable to an address or domain verified ` +
        'in Amazon SES (for example no-reply@example.com), or pass your own sendCode or sendLink.',
    );
  }
  return address;
}

function assertEmailDestination(destination: string) {
  if (!destination.includes('@')) {
    throw new Error(
      'The default SES sender only sends email, and this user has only a phone number. Pass a ' +
        'custom sendCode (for example one that uses Amazon SNS) to send codes by SMS.',
    );
  }
}

/** The message a user receives: plain text, the code on its own line. */
export function codeEmail(code: string): { subject: string; body: string } {
  return {
    subject: 'Your sign-in code',
    body:
      `Your sign-in code is:\n\n${code}\n\n` +
      'It works for a few minutes only. If you did not try to sign in, ignore this email.\n',
  };
}

/** The message a magic link's user receives: the link, then the code for the waiting tab. */
export function linkEmail(link: string, code: string): { subject: string; body: string } {
  return {
    subject: 'Your sign-in link',
    body:
      `Open this link to sign in, on this device or another:\n\n${link}\n\n` +
      `Or enter this code where you asked for the link:\n\n${code}\n\n` +
      'Both work once, for a few minutes only. If you did not try to sign in, ignore this email.\n',
  };
}

async function sendEmail(
  destination: string,
  { subject, body }: { subject: string; body: string },
) {
  assertEmailDestination(destination);
  const from = senderAddress();
  const { client, SendEmailCommand } = await sesSender();
  await client.send(
    new SendEmailCommand({
      FromEmailAddress: from,
      Destination: { ToAddresses: [destination] },
      Content: {
        Simple: {
          Subject: { Data: subject, Charset: 'UTF-8' },
          Body: { Text: { Data: body, Charset: 'UTF-8' } },
        },
      },
    }),
  );
}

/**
 * The default `sendCode`: a plain-text email through Amazon SES (API v2), from the
 * address in `CUSTOM_AUTH_SENDER_EMAIL`. Needs the optional peer `@aws-sdk/client-sesv2` and
 * `ses:SendEmail` permission for the Lambda's role. Phone numbers are not supported.
 */
export async function sendCodeWithSes({ destination, code, event }: SendCodeInput): Promise<void> {
  const local = localOutbox();
  if (local) return local.send({ username: event.userName, destination, code });
  await sendEmail(destination, codeEmail(code));
}

/** The default `sendLink` of `magicLinkStep`: as `sendCodeWithSes`, with the link and its code. */
export async function sendLinkWithSes({
  destination,
  link,
  code,
  event,
}: {
  destination: string;
  link: string;
  code: string;
  event?: { userName: string };
}): Promise<void> {
  const local = localOutbox();
  if (local && event) return local.send({ username: event.userName, destination, code, link });
  await sendEmail(destination, linkEmail(link, code));
}
