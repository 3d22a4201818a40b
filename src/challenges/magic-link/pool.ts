import { sendLinkToOutbox } from '../../local-pool/local-aids/outbox-senders.ts';
import type { ChainPreset } from '../../local-pool/sign-in/chain-preset.ts';
import { magicLinkStep } from './step.ts';

/** Links from a pool open pages on the developer's machine only, on any port. */
const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);
const isLoopbackPage = (page: URL) => loopbackHosts.has(page.hostname);

/** The magic link's preset in a pool's chain. */
export const magicLinkPresets = {
  magicLink: ({ linkSecret }) =>
    magicLinkStep({
      redirectUris: isLoopbackPage,
      sendLink: sendLinkToOutbox,
      keys: [{ id: 'local', secret: linkSecret }],
    }),
} satisfies Record<string, ChainPreset>;
