// @vitest-environment jsdom
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { linkServices, type OpenedLinkHolder } from '../../src/challenges/magic-link/client.ts';
import {
  LINK_BROWSER_METADATA_KEY,
  linkBrowserPattern,
} from '../../src/challenges/magic-link/protocol.ts';
import { challengeOf } from '../../src/machine/challenge.ts';
import { fakeServices } from '../support/fake-services.ts';

const page = 'http://localhost/app';
const secretKey = 'cognito-custom-auth.linkBrowser';

const base64Url = (text: string) => Buffer.from(text).toString('base64url');
const digest = (secret: string) => createHash('sha256').update(secret).digest('base64url');

/** A token as the trigger issues them, as far as the client reads it. */
const token = (claims: Record<string, unknown>) =>
  `k1.${base64Url(JSON.stringify(claims))}.${'s'.repeat(43)}`;

/** A magic-link step's first round, which the link services answer with a request. */
const linkStep = challengeOf({
  parameters: { type: 'magicLink' },
  round: 1,
  expiresAt: 0,
  resendAvailableAt: 0,
});

/** A page load with `link` in the address, or none. */
function load(link?: string) {
  history.replaceState(null, '', link ? `/app#${link}` : '/app');
  const base = fakeServices();
  const held: OpenedLinkHolder = { opened: null };
  return { base, links: linkServices(base, { page }, held) };
}

/** Asks for a link from this browser; the digest the request carried. */
async function ask(): Promise<string | undefined> {
  const { base, links } = load();
  await links.answerOnClient?.({ challenge: linkStep });
  return base.confirmSignIn.mock.lastCall?.[1]?.[LINK_BROWSER_METADATA_KEY];
}

afterEach(() => {
  localStorage.clear();
  vi.restoreAllMocks();
});

describe('signInLinks: the browser that asked for a link', () => {
  it('sends the digest of a new secret kept in localStorage with each request', async () => {
    const first = await ask();
    const kept = localStorage.getItem(secretKey) ?? '';
    expect(kept).toMatch(/^[\w-]{43}$/);
    expect(first).toMatch(linkBrowserPattern);
    expect(first).toBe(digest(kept));

    const second = await ask();
    expect(second).not.toBe(first);
    expect(second).toBe(digest(localStorage.getItem(secretKey) ?? ''));
  });

  it('opens its own link at once, and uses the secret up', async () => {
    const b = await ask();
    const link = token({ u: 'alice', b, d: 'a***@e***.com' });
    const { links } = load(link);
    expect(await links.loadPendingChallenge?.()).toMatchObject({
      username: 'alice',
      challenge: { parameters: { type: 'magicLink' } },
      link,
    });
    expect(localStorage.getItem(secretKey)).toBeNull();

    // The same link again, or another carrying the same digest: somebody else's now.
    const again = load(link).links;
    expect(await again.loadPendingChallenge?.()).toMatchObject({
      username: '',
      challenge: { parameters: { type: 'linkConfirmation' } },
    });
  });

  it.each([
    ['another browser’s digest', { u: 'mallory', b: digest('elsewhere'), d: 'm***@e***.com' }],
    ['no digest', { u: 'mallory', d: 'm***@e***.com' }],
  ])('asks first about a link with %s, naming where it was mailed', async (_, claims) => {
    await ask();
    const link = token(claims);
    const { links } = load(link);
    expect(await links.loadPendingChallenge?.()).toEqual({
      username: '',
      challenge: {
        parameters: { type: 'linkConfirmation', destination: 'm***@e***.com', username: 'mallory' },
        round: 1,
        expiresAt: expect.any(Number),
        resendAvailableAt: 0,
      },
      link,
    });
    // This browser's own request still counts for its own link.
    expect(localStorage.getItem(secretKey)).not.toBeNull();
  });

  it.each([
    ['no destination', { u: 'mallory' }],
    ['a destination too long to be an address', { u: 'mallory', d: 'x'.repeat(255) }],
    [
      'a destination that a right-to-left override turns around',
      { u: 'mallory', d: '\u202emoc.***e@***a' },
    ],
  ])('names the username for a link with %s', async (_, claims) => {
    const { links } = load(token(claims));
    expect(await links.loadPendingChallenge?.()).toMatchObject({
      challenge: { parameters: { type: 'linkConfirmation', destination: 'mallory' } },
    });
  });

  it('names the link’s user on the step its sign-in goes on to, and leaves other types to the base', async () => {
    const link = token({ u: 'mallory', d: 'm***@e***.com' });
    const { base, links } = load();
    base.signIn.mockResolvedValue({ type: 'customChallenge', parameters: { type: 'magicLink' } });
    base.confirmSignIn.mockResolvedValue({ type: 'customChallenge', parameters: { type: 'code' } });
    const confirming = challengeOf({ ...linkStep, parameters: { type: 'linkConfirmation' } });
    expect(await links.answerOnClient?.({ challenge: confirming, link })).toMatchObject({
      type: 'customChallenge',
      username: 'mallory',
    });
    expect(base.confirmSignIn).toHaveBeenCalledExactlyOnceWith(link);
    const passkey = challengeOf({ ...linkStep, parameters: { type: 'passkey' } });
    await expect(links.answerOnClient?.({ challenge: passkey })).rejects.toMatchObject({
      name: 'ClientAnswerNotEnabled',
    });
  });

  it('ignores a link whose username could not be shown as it is', async () => {
    for (const u of ['\u202eecila', 'ali\u0000ce', 'x'.repeat(255)]) {
      const { links } = load(token({ u, d: 'm***@e***.com' }));
      expect(await links.loadPendingChallenge?.()).toBeNull();
    }
  });

  it('asks about every link, and sends no digest, where storage cannot be used', async () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new Error('storage blocked');
    });
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new Error('storage blocked');
    });
    const { base, links } = load();
    await links.answerOnClient?.({ challenge: linkStep });
    expect(base.confirmSignIn.mock.lastCall?.[1]).toEqual({ redirectUri: page });
    const opened = load(token({ u: 'alice', b: digest('x'), d: 'a***@e***.com' })).links;
    expect(await opened.loadPendingChallenge?.()).toMatchObject({
      challenge: { parameters: { type: 'linkConfirmation' } },
    });
  });
});
