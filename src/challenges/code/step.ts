import type { CreateAuthChallengeTriggerEvent } from 'aws-lambda';
import type { CustomChallengeStep } from '../../triggers/chain/chain-step.ts';
import { validAttempts } from '../../triggers/chain/chain-step.ts';
import {
  answersMatch,
  generateCode,
  normalizeAnswer,
  unguessableAnswer,
} from '../../triggers/common/answers.ts';
import { codeLengthRange, integerInRange } from '../../triggers/common/option-values.ts';
import {
  type Channel,
  channelsOf,
  chosenChannel,
  defaultDecoyChannels,
  deliverableAddress,
  maskedDestinationOf,
} from '../../triggers/delivery/channels.ts';
import { isEmailAddress, maskDestination } from '../../triggers/delivery/mask.ts';
import type { SendCode } from '../../triggers/delivery/send-code.ts';
import { sendCodeWithSes } from '../../triggers/delivery/ses.ts';
import { sendCodeWithSns } from '../../triggers/delivery/sns.ts';
import { type DeliveryChoiceOptions, deliveryChoiceStep } from './delivery-choice-step.ts';
import { codeParameters } from './protocol.ts';

/**
 * The channel a {@link codeStep} sends its code by: the user's `email` (Amazon SES by
 * default), `phone_number` (SNS), or the one the user picks in a step of its own just before
 * (`choice`).
 */
export type CodeStepChannel = 'email' | 'sms' | 'choice';

const attributeFor = { email: 'email', sms: 'phone_number' } as const;

/**
 * The address the code goes to: the delivery's attribute, or without one, the email and else
 * the phone number.
 */
export function destinationOf(
  event: CreateAuthChallengeTriggerEvent,
  deliver: Channel | undefined,
): string {
  const attributes: Partial<Record<string, string>> = event.request.userAttributes ?? {};
  const names = deliver ? [attributeFor[deliver]] : ['email', 'phone_number'];
  const destination = names.map((name) => attributes[name]?.trim()).find(Boolean);
  // A user who does not exist has no address; the caller shows a decoy instead.
  if (event.request.userNotFound === true) return destination ?? '';
  if (!destination) {
    throw new Error(
      `User ${event.userName} has no ${names.join(' or ')} attribute, so there is nowhere to ` +
        'send a sign-in code. Require it at sign-up.',
    );
  }
  return destination;
}

/** The kit's senders: SES for an address, SNS for a phone number. */
const sendByDefault: SendCode = (input) =>
  isEmailAddress(input.destination) ? sendCodeWithSes(input) : sendCodeWithSns(input);

/** Options of {@link codeStep}. */
export interface CodeStepOptions {
  /** Digits, 4 to 12. Default 6. */
  codeLength?: number;
  /** Default 3. */
  maxAttempts?: number;
  /**
   * Text for the user besides what the UI says of a code (where it went, its length). Default
   * none: the kit's screen already says where the code went.
   */
  hint?: string;
  /**
   * Where the code goes. Default: the verified email address, else the verified phone number. `choice` asks
   * first, in a step of its own, and the kit's client sends the pick as ClientMetadata
   * `choice` with its answer, which Cognito hands to this step's Create.
   */
  deliver?: CodeStepChannel;
  /** With `deliver: 'choice'`: the wording of that step. */
  choice?: DeliveryChoiceOptions;
  /**
   * Delivers the code. Default: email through Amazon SES (`CUSTOM_AUTH_SENDER_EMAIL`), SMS
   * through Amazon SNS.
   */
  sendCode?: SendCode;
  /**
   * Send to addresses Cognito has not marked verified (`email_verified`,
   * `phone_number_verified`). Default false: without verification, whoever changes the address
   * (one stolen access token can, unless the pool requires verification before an update)
   * receives every later code. Only for pools that verify addresses some other way.
   */
  allowUnverified?: boolean;
  /**
   * The host name of the app's page (`app.example.com`), for codes by SMS: the message ends
   * with the origin-bound line (`@app.example.com #123456`) that lets the browser read the
   * code from it for that page (the WebOTP API, Chrome on Android), which the drop-in's opt-in
   * `WebOtpCodeChallenge` asks for. Default none.
   */
  webOtpDomain?: string;
}

// A host name: labels of letters, digits and hyphens; no scheme, port or path.
const hostName =
  /^(?=.{1,253}$)([a-z\d]([a-z\d-]{0,61}[a-z\d])?)(\.[a-z\d]([a-z\d-]{0,61}[a-z\d])?)*$/i;

function validWebOtpDomain(domain: string | undefined): string | undefined {
  if (domain === undefined) return undefined;
  if (typeof domain !== 'string' || !hostName.test(domain)) {
    throw new TypeError(
      `webOtpDomain must be the host name of the app's page, such as app.example.com, got ${String(domain)}.`,
    );
  }
  return domain;
}

/**
 * A one-time code (`type: code`), made with `crypto.randomInt` and sent once per sign-in:
 * later rounds of the step reuse it, so a wrong answer does not send a second code.
 */
export function codeStep(options: CodeStepOptions = {}): CustomChallengeStep {
  const codeLength = integerInRange('codeLength', options.codeLength ?? 6, codeLengthRange);
  const { deliver } = options;
  if (deliver !== undefined && deliver !== 'choice' && !Object.hasOwn(attributeFor, deliver)) {
    throw new RangeError(`deliver must be email, sms or choice, got ${String(deliver)}.`);
  }
  const sendCode = options.sendCode ?? sendByDefault;
  const { hint } = options;
  const allowUnverified = options.allowUnverified === true;
  const webOtpDomain = validWebOtpDomain(options.webOtpDomain);
  const decoyChannels = options.choice?.decoyChannels ?? defaultDecoyChannels;
  // The step's metadata carries the code to later rounds, and the channel after a choice.
  const kept = (metadata: string | undefined) =>
    new RegExp(`^(?:(email|sms):)?(\\d{${codeLength}}|NONE)$`).exec(metadata ?? '') ?? [];
  return {
    kind: 'custom',
    provesFactor: true,
    type: 'code',
    maxAttempts: validAttempts(options.maxAttempts ?? 3),
    lead: deliver === 'choice' ? deliveryChoiceStep(options.choice, allowUnverified) : undefined,
    async create({ event, previousMetadata, deliver: send, decoySecret, decoyEmailDomains }) {
      const [, keptChannel, keptCode] = kept(previousMetadata);
      const channels = () => channelsOf(event, { decoySecret, allowUnverified, decoyChannels });
      // Without a set channel, the first the user may be sent to: a verified one first.
      const channel =
        deliver === 'choice'
          ? ((keptChannel as Channel | undefined) ?? chosenChannel(event, channels()))
          : (deliver ?? channels()[0]);
      const channelTag = deliver === 'choice' && channel ? `${channel}:` : '';
      // After a choice, what it offered: the client may ask for a resend by another.
      const offered = deliver === 'choice' ? channels() : [];
      const destination = destinationOf(event, channel);
      const unknown = event.request.userNotFound === true;
      const deliverable =
        !unknown && deliverableAddress(event, channelOf(destination), allowUnverified);
      if (!deliverable) {
        // Nothing is sent, and the round looks and takes as long as one that sent a code.
        if (!unknown && previousMetadata === undefined) warnUnverified(channelOf(destination));
        if (previousMetadata === undefined) await send(null);
        const shown = unknown
          ? maskedDestinationOf(event, channel ?? 'email', {
              secret: decoySecret,
              emailDomains: decoyEmailDomains,
            })
          : maskDestination(destination);
        return {
          hint,
          parameters: parametersFor(shown, codeLength, offered),
          privateParameters: { answer: unguessableAnswer() },
          metadata: `${channelTag}NONE`,
        };
      }
      let code = keptCode === 'NONE' ? undefined : keptCode;
      if (code === undefined) {
        const fresh = generateCode(codeLength);
        await send(() => sendCode({ destination, code: fresh, event, webOtpDomain }));
        code = fresh;
      }
      return {
        hint,
        parameters: parametersFor(maskDestination(destination), codeLength, offered),
        privateParameters: { answer: code },
        metadata: `${channelTag}${code}`,
      };
    },
    // Compared for everyone, so unknown users take as long; a code never passes for them.
    verify: async ({ event, answer, privateParameters }) => {
      const expected = normalizeAnswer(privateParameters.answer);
      const matches = answersMatch(normalizeAnswer(answer), expected);
      return matches && expected !== '' && event.request.userNotFound !== true;
    },
  };
}

const channelOf = (destination: string): Channel => (isEmailAddress(destination) ? 'email' : 'sms');

/** Says in the Lambda's log, once per sign-in, why a user got no code; names no address. */
function warnUnverified(channel: Channel) {
  console.warn(
    `No sign-in code sent: the user's ${attributeFor[channel]} is not verified ` +
      '(allowUnverified is off). See "Codes only to verified addresses" in docs/triggers.md.',
  );
}

const parametersFor = (maskedDestination: string, codeLength: number, offered: Channel[]) =>
  codeParameters(
    maskedDestination,
    isEmailAddress(maskedDestination) ? 'EMAIL' : 'SMS',
    codeLength,
    offered,
  );
