import type {
  ChallengeBase,
  ChallengeParameters,
  ChallengeProtocol,
  ParameterRow,
} from '../protocol.ts';
import { count } from '../protocol.ts';

/**
 * A one-time code sent to the user; also a `magicLink` step (`name`) once its email, which
 * carries a code beside the link, is sent (`parameters.linkSent`).
 */
export interface CodeChallengeInfo extends ChallengeBase {
  type: 'code';
  codeLength: number | null;
  /** Where the code went, masked by the trigger. */
  destination: string | null;
  deliveryMedium: 'EMAIL' | 'SMS' | null;
  /**
   * The channels (`email`, `sms`) the user picked this one from, when a choice came first
   * (`codeStep({ deliver: 'choice' })`): a resend may go by another. Empty otherwise.
   */
  channels: readonly string[];
}

/**
 * What a step that sent a code tells the client: how long it is, where it went, and the
 * channels it could have gone by instead when the user picked one.
 */
export const codeParameters = (
  maskedDestination: string,
  deliveryMedium: 'EMAIL' | 'SMS',
  codeLength: number,
  channels: readonly string[] = [],
) => ({
  codeLength: String(codeLength),
  destination: maskedDestination,
  deliveryMedium,
  ...(channels.length > 1 && { channels: channels.join(',') }),
});

function readCode({
  codeLength,
  destination,
  deliveryMedium,
  channels,
}: ChallengeParameters): Omit<CodeChallengeInfo, keyof ChallengeBase> {
  return {
    type: 'code',
    codeLength: count(codeLength),
    destination: destination ?? null,
    deliveryMedium: deliveryMedium === 'EMAIL' || deliveryMedium === 'SMS' ? deliveryMedium : null,
    channels: channels ? channels.split(',') : [],
  };
}

/** Its rows of the wire protocol's table (docs/challenges.md). */
export const codeParameterRows: readonly ParameterRow[] = [
  {
    names: ['codeLength', 'destination', 'deliveryMedium'],
    meaning: '`code`: digits, the masked address, `EMAIL` or `SMS`',
  },
  {
    names: ['channels'],
    meaning:
      "`code`, after a choice of channel (`codeStep({ deliver: 'choice' })`): the channels offered, comma-separated (`email,sms`); the drop-in offers a resend by another",
  },
];

export const codeProtocol: ChallengeProtocol<CodeChallengeInfo> = {
  read: readCode,
  // The channels are `codeStep`'s choice values, which match the delivery medium's.
  resendChoice: ({ channels, deliveryMedium }, requested) =>
    channels.length > 0 ? (requested ?? deliveryMedium?.toLowerCase()) : undefined,
};
