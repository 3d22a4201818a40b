import { describe, expect, it, vi } from 'vitest';
import {
  type MagicLinkStepOptions,
  magicLinkStep,
  type SendLinkInput,
} from '../../src/challenges/magic-link/step.ts';
import { createCustomAuthTriggers } from '../../src/triggers/chain/custom-auth-triggers.ts';
import { createMemoryAttemptStore } from '../../src/triggers/limits/attempt-store.ts';
import { counterKey } from '../../src/triggers/limits/owner.ts';
import { aliceAttributes, createEvent, type SessionEntry, verifyEvent } from './events.ts';

const ALICE = `sub:${aliceAttributes.sub}`;

const page = 'https://app.example/login';
const key = { id: 'k1', secret: 's'.repeat(40) };
const round = (result: boolean, metadata: string): SessionEntry => ({
  challengeName: 'CUSTOM_CHALLENGE',
  challengeResult: result,
  challengeMetadata: `CHAIN:0:${metadata}`,
});

function setup(keys: MagicLinkStepOptions['keys'] = [key]) {
  const store = createMemoryAttemptStore({ secret: 'decoys' });
  const sendLink = vi.fn<(input: SendLinkInput) => Promise<void>>(async () => {});
  const triggers = createCustomAuthTriggers({
    steps: [magicLinkStep({ redirectUris: [page, 'https://app.example/links/'], sendLink, keys })],
    decoySendDelayMs: 0,
    limits: { store },
  });
  const wrongAnswers = async (user = ALICE) =>
    (await store.get(counterKey('wrong', 'eu-west-1_AbCdEf123', user), Date.now()))?.count ?? 0;
  return { ...triggers, sendLink, wrongAnswers, store };
}

type Overrides = Parameters<typeof createEvent>[1];

/** Create for the round after `session`, with the ClientMetadata the answer carried. */
function createAfter(
  session: SessionEntry[],
  metadata?: Record<string, string>,
  overrides: Overrides = {},
) {
  const event = createEvent(session, overrides);
  if (metadata) event.request.clientMetadata = metadata;
  return event;
}

describe('magicLinkStep: a link by email, or the code from the same email', () => {
  it('asks first, sends nothing, and takes a request for a link without counting it wrong', async () => {
    const { createAuthChallenge, verifyAuthChallengeResponse, sendLink, wrongAnswers } = setup();
    const ask = await createAuthChallenge(createAfter([]));
    expect(ask.response.publicChallengeParameters).toEqual({
      type: 'magicLink',
      step: '1',
      steps: '1',
      attemptsLeft: '4',
    });
    expect(sendLink).not.toHaveBeenCalled();
    const request = await verifyAuthChallengeResponse(
      verifyEvent(`link:${page}`, ask.response.privateChallengeParameters),
    );
    expect(request.response.answerCorrect).toBe(false);
    expect(await wrongAnswers()).toBe(0);

    const sent = await createAuthChallenge(
      createAfter([round(false, 'ASK')], { redirectUri: page }),
    );
    expect(sent.response.publicChallengeParameters).toMatchObject({
      type: 'magicLink',
      linkSent: 'true',
      hint: 'Open the link in the email, on this device or another, or enter its code.',
      destination: 'a***@e***.com',
      deliveryMedium: 'EMAIL',
      codeLength: '6',
    });
    const { link, code, destination } = sendLink.mock.calls[0]?.[0] ?? {
      link: '',
      code: '',
      destination: '',
    };
    expect(destination).toBe('alice@example.com');
    expect(link).toMatch(/^https:\/\/app\.example\/login#k1\.[\w-]+\.[\w-]+$/);
    const byCode = await verifyAuthChallengeResponse(
      verifyEvent(code, sent.response.privateChallengeParameters),
    );
    expect(byCode.response.answerCorrect).toBe(true);
  });

  it.each([
    ['a list', [key]],
    ['a function that reads them', async () => [key]],
  ] as const)(
    'signs in once with the link in a fresh sign-in, anywhere, and refuses it again with the reason (keys from %s)',
    async (_, keys) => {
      const { createAuthChallenge, verifyAuthChallengeResponse, sendLink, wrongAnswers } =
        setup(keys);
      await createAuthChallenge(createAfter([round(false, 'ASK')], { redirectUri: `${page}` }));
      const token = (sendLink.mock.calls[0]?.[0].link ?? '').split('#')[1] ?? '';
      const open = async () => {
        const ask = await createAuthChallenge(createAfter([]));
        return verifyAuthChallengeResponse(
          verifyEvent(token, ask.response.privateChallengeParameters),
        );
      };
      expect((await open()).response.answerCorrect).toBe(true);
      await expect(open()).rejects.toThrow('MagicLinkRefused reason=used');
      // A link cannot be guessed: refusing one counts nothing against the account.
      expect(await wrongAnswers()).toBe(0);
    },
  );

  it('never links to a page outside the list', async () => {
    const { createAuthChallenge, verifyAuthChallengeResponse, sendLink, wrongAnswers } = setup();
    for (const elsewhere of [
      'https://evil.example/login',
      'https://app.example/login/../x',
      'javascript:alert(1)',
    ]) {
      const verdict = await verifyAuthChallengeResponse(verifyEvent(`link:${elsewhere}`, {}));
      expect(verdict.response.answerCorrect).toBe(false);
      const again = await createAuthChallenge(
        createAfter([round(false, 'ASK')], { redirectUri: elsewhere }),
      );
      expect(again.response.publicChallengeParameters.linkSent).toBeUndefined();
    }
    expect(sendLink).not.toHaveBeenCalled();
    // Asking for a page holds no secret, so refusing it counts nothing against the account.
    expect(await wrongAnswers()).toBe(0);
    await createAuthChallenge(
      createAfter([round(false, 'ASK')], { redirectUri: 'https://app.example/links/a' }),
    );
    expect(sendLink).toHaveBeenCalledTimes(1);
  });

  it('takes under a prefix only pages with no query string and no empty path segment', async () => {
    const { createAuthChallenge, verifyAuthChallengeResponse, sendLink } = setup();
    for (const page of [
      'https://app.example/links/a?next=https://evil.example/',
      'https://app.example/links/?b=1',
      'https://app.example/links//evil.example/',
      'https://app.example/links/a//b',
      `${'https://app.example/login'}?next=/`,
    ]) {
      const verdict = await verifyAuthChallengeResponse(verifyEvent(`link:${page}`, {}));
      expect(verdict.response.answerCorrect, page).toBe(false);
      await createAuthChallenge(createAfter([round(false, 'ASK')], { redirectUri: page }));
    }
    expect(sendLink).not.toHaveBeenCalled();
    const listed = createCustomAuthTriggers({
      steps: [
        magicLinkStep({
          redirectUris: ['https://app.example/login?lang=de'],
          sendLink,
          keys: [key],
        }),
      ],
      decoySendDelayMs: 0,
      limits: { store: createMemoryAttemptStore({ secret: 'decoys' }) },
    });
    await listed.createAuthChallenge(
      createAfter([round(false, 'ASK')], { redirectUri: 'https://app.example/login?lang=de' }),
    );
    expect(sendLink).toHaveBeenCalledTimes(1);
  });

  it.each([
    [[], /at least one redirect URI/],
    [['http://app.example/login'], /https:\/\/ URL/],
    [['https://app.example/login#here'], /no fragment/],
    [['https://App.example/login'], /as a browser writes it/],
    [['app.example/login'], /https:\/\/ URL/],
    [[42], /got 42/],
  ])('refuses to be made with redirectUris %j, which no link could use safely', (uris, message) => {
    expect(() =>
      magicLinkStep({ redirectUris: uris as string[], sendLink: vi.fn(), keys: [key] }),
    ).toThrow(message);
  });

  it('takes http:// for pages on this machine', () => {
    expect(() =>
      magicLinkStep({
        redirectUris: ['http://localhost:5173/', 'http://127.0.0.1:8080/in'],
        keys: [key],
      }),
    ).not.toThrow();
  });

  it('refuses a forged link naming the victim without touching the victim’s counters', async () => {
    const { createAuthChallenge, verifyAuthChallengeResponse, wrongAnswers, store } = setup();
    const claims = Buffer.from(
      JSON.stringify({
        u: 'alice',
        s: ALICE,
        d: 'a***@e***.com',
        e: Date.now() + 60_000,
        c: 1,
        w: 1,
        n: 'x',
      }),
    ).toString('base64url');
    const forged = `k1.${claims}.${'A'.repeat(43)}`;
    for (let visit = 0; visit < 20; visit++) {
      const ask = await createAuthChallenge(createAfter([]));
      await expect(
        verifyAuthChallengeResponse(verifyEvent(forged, ask.response.privateChallengeParameters)),
      ).rejects.toThrow('MagicLinkRefused reason=signature');
    }
    expect(await wrongAnswers()).toBe(0);
    expect(
      await store.get(counterKey('wrong-wait', 'eu-west-1_AbCdEf123', ALICE), Date.now()),
    ).toBeUndefined();
    // Twenty forged visits later, the real user still gets a link.
    const sent = await createAuthChallenge(
      createAfter([round(false, 'ASK')], { redirectUri: page }),
    );
    expect(sent.response.publicChallengeParameters.linkSent).toBe('true');
  });

  it('mails no link to an unverified address, and looks the same', async () => {
    const { createAuthChallenge, sendLink } = setup();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const unverified = { userAttributes: { ...aliceAttributes, email_verified: 'false' } };
    const shown = await createAuthChallenge(
      createAfter([round(false, 'ASK')], { redirectUri: page }, unverified),
    );
    expect(sendLink).not.toHaveBeenCalled();
    expect(shown.response.publicChallengeParameters).toMatchObject({
      linkSent: 'true',
      destination: 'a***@e***.com',
    });
    expect(warn.mock.calls.join(' ')).toMatch(/not verified|no verified email/);
    expect(warn.mock.calls.join(' ')).not.toContain('alice@example.com');
  });

  it('links only to pages in their plain form, so no email carries markup or another host', async () => {
    const { createAuthChallenge, verifyAuthChallengeResponse, sendLink } = setup();
    for (const page of [
      'https://app.example/links/"><svg/onload=alert(1)>',
      'https://app.example/links/a b',
      'https://app.example/links/a#fragment',
    ]) {
      const verdict = await verifyAuthChallengeResponse(verifyEvent(`link:${page}`, {}));
      expect(verdict.response.answerCorrect, page).toBe(false);
      await createAuthChallenge(createAfter([round(false, 'ASK')], { redirectUri: page }));
    }
    expect(sendLink).not.toHaveBeenCalled();

    const loopback = createCustomAuthTriggers({
      steps: [
        magicLinkStep({
          redirectUris: (url) => url.hostname === 'localhost',
          sendLink,
          keys: [key],
        }),
      ],
      decoySendDelayMs: 0,
      limits: { store: createMemoryAttemptStore({ secret: 'decoys' }) },
    });
    for (const page of ['http://localhost:80@evil.example/', 'http://user@localhost:5173/']) {
      await loopback.createAuthChallenge(createAfter([round(false, 'ASK')], { redirectUri: page }));
    }
    expect(sendLink).not.toHaveBeenCalled();
    await loopback.createAuthChallenge(
      createAfter([round(false, 'ASK')], { redirectUri: 'http://localhost:5173/?flow=magicLink' }),
    );
    expect(sendLink).toHaveBeenCalledTimes(1);
  });

  it('counts a wrong code against the account, and nothing else it is sent', async () => {
    const { createAuthChallenge, verifyAuthChallengeResponse, wrongAnswers } = setup();
    const sent = await createAuthChallenge(
      createAfter([round(false, 'ASK')], { redirectUri: page }),
    );
    const answer = (given: string) =>
      verifyAuthChallengeResponse(verifyEvent(given, sent.response.privateChallengeParameters));
    await answer('not a code');
    await answer(`link:${page}`);
    expect(await wrongAnswers()).toBe(0);
    expect((await answer('000-000')).response.answerCorrect).toBe(false);
    expect(await wrongAnswers()).toBe(1);
  });

  it('keeps the code after a wrong one, sending nothing more', async () => {
    const { createAuthChallenge, sendLink } = setup();
    const sent = await createAuthChallenge(
      createAfter([round(false, 'ASK')], { redirectUri: page }),
    );
    const metadata = sent.response.challengeMetadata?.replace('CHAIN:0:', '') ?? '';
    const next = await createAuthChallenge(
      createAfter([round(false, 'ASK'), round(false, metadata)]),
    );
    expect(sendLink).toHaveBeenCalledTimes(1);
    expect(next.response.privateChallengeParameters.answer).toBe(
      sent.response.privateChallengeParameters.answer,
    );
    expect(next.response.publicChallengeParameters.linkSent).toBe('true');
  });

  it('shows users who do not exist the same screens, sends nothing, and never signs them in', async () => {
    const { createAuthChallenge, verifyAuthChallengeResponse, sendLink, store } = setup();
    const ghost = { userName: 'ghost', userNotFound: true, userAttributes: {} };
    const known = await createAuthChallenge(
      createAfter([round(false, 'ASK')], { redirectUri: page }),
    );
    const unknown = await createAuthChallenge(
      createAfter([round(false, 'ASK')], { redirectUri: page }, ghost),
    );
    expect(Object.keys(unknown.response.publicChallengeParameters).sort()).toEqual(
      Object.keys(known.response.publicChallengeParameters).sort(),
    );
    expect(sendLink).toHaveBeenCalledTimes(1);
    // The same store write as for a real user, so the answer takes as long.
    const links = (user: string) =>
      store.get(counterKey('links', 'eu-west-1_AbCdEf123', user), Date.now());
    expect((await links('name:ghost'))?.count).toBe(1);
    expect((await links(ALICE))?.count).toBe(1);
    const verdict = await verifyAuthChallengeResponse(
      verifyEvent('123456', unknown.response.privateChallengeParameters, ghost),
    );
    expect(verdict.response.answerCorrect).toBe(false);
  });
});
