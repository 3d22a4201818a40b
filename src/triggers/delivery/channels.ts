import { createHmac } from 'node:crypto';
import type { CreateAuthChallengeTriggerEvent } from 'aws-lambda';
import { CHOICE_METADATA_KEY } from '../../challenges/choice/protocol.ts';
import { decoyMaskedDestination, decoyPhoneMask } from './decoy-destinations.ts';
import { isEmailAddress, isPhoneNumber, maskDestination } from './mask.ts';

/** How a code can reach the user; also the `value` of each option the choice offers. */
export type Channel = 'email' | 'sms';

const attributeOf = { email: 'email', sms: 'phone_number' } as const;

const verifiedFlagOf = { email: 'email_verified', sms: 'phone_number_verified' } as const;

/**
 * The channel sets users of the pool have, for unknown users' decoys. Default: email, or
 * email and SMS. A username that is an address or a number has that channel in every set.
 */
export const defaultDecoyChannels: ReadonlyArray<readonly Channel[]> = [
  ['email'],
  ['email', 'sms'],
];

/**
 * The user's address for `channel` when a message may go there: Cognito marks it verified, or
 * the step was told that the pool verifies elsewhere (`allowUnverified`). An unverified address
 * may be an attacker's: one stolen access token can change it with UpdateUserAttributes.
 */
export function deliverableAddress(
  event: CreateAuthChallengeTriggerEvent,
  channel: Channel,
  allowUnverified: boolean,
): string | undefined {
  const attributes: Partial<Record<string, string>> = event.request.userAttributes ?? {};
  const address = attributes[attributeOf[channel]]?.trim();
  if (!address) return undefined;
  return allowUnverified || attributes[verifiedFlagOf[channel]] === 'true' ? address : undefined;
}

/** Options that say which channels a user has. */
export interface ChannelRules {
  decoySecret: string;
  allowUnverified: boolean;
  decoyChannels: ReadonlyArray<readonly Channel[]>;
}

/**
 * The channels a user has: the verified ones (a user with none is offered what is there,
 * and sent nothing). A user who does not exist gets one of `decoyChannels`, the same on every
 * sign-in (keyed by the store's secret), so the options tell nothing about whether the account
 * exists; a username that is an address or a number always has that channel.
 */
export function channelsOf(event: CreateAuthChallengeTriggerEvent, rules: ChannelRules): Channel[] {
  if (event.request.userNotFound === true) return decoyChannelsOf(event.userName, rules);
  const present = (['email', 'sms'] as const).filter((channel) =>
    event.request.userAttributes?.[attributeOf[channel]]?.trim(),
  );
  const verified = present.filter((channel) =>
    deliverableAddress(event, channel, rules.allowUnverified),
  );
  return verified.length > 0 ? verified : present.slice(0, 1);
}

function decoyChannelsOf(username: string, rules: ChannelRules): Channel[] {
  const digest = createHmac('sha256', `${rules.decoySecret}:channels`)
    .update(username.toLowerCase())
    .digest();
  const set = rules.decoyChannels[(digest[0] ?? 0) % rules.decoyChannels.length] ?? ['email'];
  const own: Channel | undefined = isEmailAddress(username)
    ? 'email'
    : isPhoneNumber(username)
      ? 'sms'
      : undefined;
  const channels = own && !set.includes(own) ? [own, ...set] : [...set];
  // Sorted as a real user's are, so the order tells nothing either.
  return (['email', 'sms'] as const).filter((channel) => channels.includes(channel));
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
