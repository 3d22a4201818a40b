import { type CustomChallengeStep, validAttempts } from '../../triggers/chain/chain-step.ts';
import {
  type Channel,
  channelsOf,
  defaultDecoyChannels,
  maskedDestinationOf,
} from '../../triggers/delivery/channels.ts';
import { choiceParameters, DELIVERY_PURPOSE } from '../choice/protocol.ts';

/** Options of the choice a `codeStep({ deliver: 'choice' })` asks first. */
export interface DeliveryChoiceOptions {
  /**
   * The sets of channels your users have, one of which an unknown user is offered (stable per
   * username). Default `[['email'], ['email', 'sms']]`; a pool whose users sign up with a phone
   * number only should list `['sms']`, so that an SMS-only offer tells nothing.
   */
  decoyChannels?: ReadonlyArray<readonly Channel[]>;
  /** Default "Where should we send your code?". */
  hint?: string;
  /** Option labels; `{destination}` is the masked address. */
  labels?: { email: string; sms: string };
  maxAttempts?: number;
}

/** Asks which channel a code goes by (`type: choice`); the next step sends it there. */
export function deliveryChoiceStep(
  options: DeliveryChoiceOptions = {},
  allowUnverified = false,
): CustomChallengeStep {
  const labels = options.labels ?? { email: 'Email {destination}', sms: 'Text {destination}' };
  const decoyChannels = validDecoyChannels(options.decoyChannels ?? defaultDecoyChannels);
  return {
    kind: 'custom',
    type: 'choice',
    maxAttempts: validAttempts(options.maxAttempts ?? 3),
    // Picking a channel guesses nothing: a wrong pick must not count against the account.
    guessable: false,
    async create({ event, decoySecret, decoyEmailDomains }) {
      const decoy = { secret: decoySecret, emailDomains: decoyEmailDomains };
      const channels = channelsOf(event, { decoySecret, allowUnverified, decoyChannels });
      const offered = channels.map((channel) => ({
        value: channel,
        label: labels[channel].replace('{destination}', maskedDestinationOf(event, channel, decoy)),
      }));
      return {
        hint: options.hint ?? 'Where should we send your code?',
        parameters: choiceParameters(offered, DELIVERY_PURPOSE),
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

function validDecoyChannels(
  sets: ReadonlyArray<readonly Channel[]>,
): ReadonlyArray<readonly Channel[]> {
  const valid =
    Array.isArray(sets) &&
    sets.length > 0 &&
    sets.every(
      (set) =>
        Array.isArray(set) &&
        set.length > 0 &&
        set.every((channel) => channel === 'email' || channel === 'sms'),
    );
  if (!valid) {
    throw new TypeError(
      "decoyChannels must list sets of channels, such as [['email'], ['email', 'sms']].",
    );
  }
  return sets;
}
