import { createHmac } from 'node:crypto';
import type { CreateAuthChallengeTriggerEvent } from 'aws-lambda';
import { type CustomChallengeStep, validAttempts } from './chain-steps.ts';
import { decoyMaskedDestination, decoyPhoneMask } from './code.ts';
import { maskDestination } from './mask.ts';

/** How a code can reach the user; also the `value` of each option the choice offers. */
export type Channel = 'email' | 'sms';

/** The ClientMetadata key the kit's client sends a choice's value in, for the next Create. */
export const CHOICE_METADATA_KEY = 'choice';

const attributeOf = { email: 'email', sms: 'phone_number' } as const;

/**
 * The channels a user has. A user who does not exist has an email address, and a phone
 * number for about half of usernames, the same on every sign-in (keyed by the store's
 * secret), so the options tell nothing about whether the account exists.
 */
export function channelsOf(event: CreateAuthChallengeTriggerEvent, decoySecret: string): Channel[] {
  if (event.request.userNotFound === true) {
    const digest = createHmac('sha256', `${decoySecret}:channels`)
      .update(event.userName.toLowerCase())
      .digest();
    return (digest[0] ?? 0) % 2 === 0 ? ['email'] : ['email', 'sms'];
  }
  const attributes: Partial<Record<string, string>> = event.request.userAttributes ?? {};
  return (['email', 'sms'] as const).filter((channel) => attributes[attributeOf[channel]]?.trim());
}

/** Where a code by `channel` goes, masked; a decoy for a user who does not exist. */
export function maskedDestinationOf(
  event: CreateAuthChallengeTriggerEvent,
  channel: Channel,
  decoy: { secret: string; emailDomains: readonly string[] },
): string {
  if (event.request.userNotFound === true) {
    return channel === 'sms'
      ? decoyPhoneMask(event.userName, decoy.secret)
      : decoyMaskedDestination(event.userName, decoy.secret, decoy.emailDomains);
  }
  return maskDestination(event.request.userAttributes?.[attributeOf[channel]]?.trim() ?? '');
}

/**
 * The channel the client chose in the step before (Cognito hands Create the ClientMetadata
 * of the answer that led to it), if the user has it; else the first the user has.
 */
export function chosenChannel(
  event: CreateAuthChallengeTriggerEvent,
  channels: readonly Channel[],
): Channel | undefined {
  const chosen = event.request.clientMetadata?.[CHOICE_METADATA_KEY];
  return channels.find((channel) => channel === chosen) ?? channels[0];
}

/** Options of the choice a `codeStep({ deliver: 'choice' })` asks first. */
export interface DeliveryChoiceOptions {
  /** Default "Where should we send your code?". */
  hint?: string;
  /** Option labels; `{destination}` is the masked address. */
  labels?: { email: string; sms: string };
  maxAttempts?: number;
}

/** Asks which channel a code goes by (`type: choice`); the next step sends it there. */
export function deliveryChoiceStep(options: DeliveryChoiceOptions = {}): CustomChallengeStep {
  const labels = options.labels ?? { email: 'Email {destination}', sms: 'Text {destination}' };
  return {
    kind: 'custom',
    type: 'choice',
    maxAttempts: validAttempts(options.maxAttempts ?? 3),
    async create({ event, decoySecret, decoyEmailDomains }) {
      const decoy = { secret: decoySecret, emailDomains: decoyEmailDomains };
      const channels = channelsOf(event, decoySecret);
      const offered = channels.map((channel) => ({
        value: channel,
        label: labels[channel].replace('{destination}', maskedDestinationOf(event, channel, decoy)),
      }));
      return {
        hint: options.hint ?? 'Where should we send your code?',
        parameters: { options: JSON.stringify(offered) },
        privateParameters: { values: JSON.stringify(channels) },
        metadata: '',
      };
    },
    // Anyone may pick any channel they were offered, users who do not exist included.
    verify: async ({ answer, privateParameters }) => {
      const values = JSON.parse(privateParameters.values ?? '[]') as unknown;
      return Array.isArray(values) && values.includes(answer);
    },
  };
}
