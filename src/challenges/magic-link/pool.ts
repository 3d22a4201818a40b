import { sendLinkToOutbox } from '../../local-pool/local-aids/outbox-senders.ts';
import type { ChainPreset } from '../../local-pool/sign-in/chain-preset.ts';
import { isLoopbackPage, magicLinkStep } from './step.ts';

/** The magic link's preset in a pool's chain: links open pages on the developer's machine only. */
export const magicLinkPresets = {
  magicLink: ({ linkSecret }) =>
    magicLinkStep({
      redirectUris: isLoopbackPage,
      sendLink: sendLinkToOutbox,
      keys: [{ id: 'local', secret: linkSecret }],
    }),
} satisfies Record<string, ChainPreset>;
