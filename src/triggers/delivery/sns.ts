import { lazily } from '../common/lazily.ts';
import { localOutbox } from './local-delivery.ts';
import type { SendCodeInput } from './send-code.ts';

const SNS_PACKAGE = '@aws-sdk/client-sns';

type SnsModule = typeof import('@aws-sdk/client-sns');
interface SnsSender {
  client: InstanceType<SnsModule['SNSClient']>;
  PublishCommand: SnsModule['PublishCommand'];
}

async function loadSnsModule(): Promise<SnsModule> {
  try {
    return await import('@aws-sdk/client-sns');
  } catch (cause) {
    throw new Error(
      `Sending codes by SMS needs the optional package ${SNS_PACKAGE}. Install it ` +
        `(npm install ${SNS_PACKAGE}) or pass your own sendCode.`,
      { cause },
    );
  }
}

const snsSender = lazily(async (): Promise<SnsSender> => {
  const { SNSClient, PublishCommand } = await loadSnsModule();
  return { client: new SNSClient({}), PublishCommand };
});

/**
 * The text message a user receives: short, the code first so phones can offer to fill it;
 * with a `webOtpDomain`, ending with the origin-bound line (`@host #code`, the WebOTP format)
 * that lets the browser fill it into that host's page only.
 */
export function codeSms(code: string, webOtpDomain?: string): string {
  const text = `${code} is your sign-in code. If you did not try to sign in, ignore this message.`;
  return webOtpDomain ? `${text}\n\n@${webOtpDomain} #${code}` : text;
}

/**
 * Sends the code by SMS through Amazon SNS (a transactional message to the E.164 number in
 * `phone_number`). Needs the optional peer `@aws-sdk/client-sns` and `sns:Publish` for the
 * Lambda's role; SMS in the account's region must be set up in SNS (sandbox, origination).
 */
export async function sendCodeWithSns({
  destination,
  code,
  webOtpDomain,
  event,
}: SendCodeInput): Promise<void> {
  if (!/^\+\d{6,15}$/.test(destination)) {
    throw new Error(
      'Sending by SMS needs a phone_number in E.164 form (+ and digits); this user has none.',
    );
  }
  const local = localOutbox();
  if (local) return local.send({ username: event.userName, destination, code });
  const { client, PublishCommand } = await snsSender();
  await client.send(
    new PublishCommand({
      PhoneNumber: destination,
      Message: codeSms(code, webOtpDomain),
      MessageAttributes: {
        'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
      },
    }),
  );
}
