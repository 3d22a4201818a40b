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
}

/** What a step that sent a code tells the client: how long it is and where it went. */
export const codeParameters = (
  maskedDestination: string,
  deliveryMedium: 'EMAIL' | 'SMS',
  codeLength: number,
) => ({ codeLength: String(codeLength), destination: maskedDestination, deliveryMedium });

function readCode({
  codeLength,
  destination,
  deliveryMedium,
}: ChallengeParameters): Omit<CodeChallengeInfo, keyof ChallengeBase> {
  return {
    type: 'code',
    codeLength: count(codeLength),
    destination: destination ?? null,
    deliveryMedium: deliveryMedium === 'EMAIL' || deliveryMedium === 'SMS' ? deliveryMedium : null,
  };
}

/** Its rows of the wire protocol's table (docs/challenges.md). */
export const codeParameterRows: readonly ParameterRow[] = [
  {
    names: ['codeLength', 'destination', 'deliveryMedium'],
    meaning: '`code`: digits, the masked address, `EMAIL` or `SMS`',
  },
];

export const codeProtocol: ChallengeProtocol<CodeChallengeInfo> = {
  read: readCode,
};
