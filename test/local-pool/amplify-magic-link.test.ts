import { signOut } from 'aws-amplify/auth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { signInLinks, withServices } from '../../src/machine/index.ts';
import { settled } from '../support/amplify-machine.ts';
import { latestCode, localPoolForFile, registerUser } from '../support/local-pool.ts';

const pool = localPoolForFile({ flow: ['magicLink'] });
const page = 'http://localhost:5173/app?flow=magicLink';

/** The address bar of a browser tab, as much of it as links need. */
class Address {
  url = new URL(page);
  readonly history = {
    state: null,
    replaceState: (_state: unknown, _title: string, next: string) => {
      this.url = new URL(next, this.url);
    },
  };
}

/** A browser's localStorage, as much of it as links need; a new one is another browser. */
class MemoryStorage {
  private readonly items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, String(value));
  removeItem = (key: string) => void this.items.delete(key);
}

let address: Address;

/** Another browser or device: its own storage, so its links are not this one's. */
const otherBrowser = () => Object.assign(globalThis, { localStorage: new MemoryStorage() });

beforeEach(() => {
  address = new Address();
  otherBrowser();
  Object.assign(globalThis, { history: address.history });
  // `location` is read at each use: keep the global pointing at the current address.
  Object.defineProperty(globalThis, 'location', { get: () => address.url, configurable: true });
});

afterEach(async () => {
  await signOut();
  Reflect.deleteProperty(globalThis, 'location');
  Reflect.deleteProperty(globalThis, 'history');
  Reflect.deleteProperty(globalThis, 'localStorage');
});

const start = () => createActor(withServices(signInLinks()), { input: {} }).start();

const lastLink = (username: string) => {
  const link = pool().outbox(username).at(-1)?.link;
  if (!link) throw new Error(`No link was sent to ${username}.`);
  return link;
};

async function askForLink(username: string) {
  const actor = start();
  await settled(actor);
  actor.send({ type: 'SIGN_IN', username });
  const waiting = await settled(actor);
  return { actor, waiting };
}

/**
 * Opens `link` in a fresh tab of this browser (`otherBrowser()` first for another device): a
 * new statechart at that address. A link another browser asked for asks first; `confirm`
 * goes on.
 */
async function open(link: string, { confirm = false } = {}) {
  address.url = new URL(link);
  const actor = start();
  let view = await settled(actor);
  if (confirm && view.challenge?.type === 'linkConfirmation') {
    actor.send({ type: 'ANSWER_CHALLENGE', answer: '' });
    view = await settled(actor);
  }
  actor.stop();
  return view;
}

describe('magic links through the statechart, the real Amplify client and the pool', () => {
  it('asks for a link by itself, and the code from the same email signs in', async () => {
    await registerUser(pool(), 'lena');
    pool().resetRequestCounts();
    const { actor, waiting } = await askForLink('lena');
    // Asking for the link: the sign-in, then the request that sends the email.
    expect(pool().requestCounts()).toEqual({ InitiateAuth: 1, RespondToAuthChallenge: 1 });
    expect(waiting).toMatchObject({
      route: 'challenge',
      error: null,
      challenge: {
        name: 'magicLink',
        type: 'code',
        codeLength: 6,
        deliveryMedium: 'EMAIL',
        destination: 'l***@e***.com',
        round: 1,
      },
    });
    expect(lastLink('lena')).toMatch(
      /^http:\/\/localhost:5173\/app\?flow=magicLink#[\w-]+\.[\w-]+\.[\w-]{43}$/,
    );

    actor.send({ type: 'ANSWER_CHALLENGE', answer: latestCode(pool(), 'lena') });
    expect(await settled(actor)).toMatchObject({ route: 'signedIn', user: { username: 'lena' } });
    actor.stop();
  });

  it('signs in at once in the browser that asked, and takes the token out of the address first', async () => {
    await registerUser(pool(), 'mona');
    const { actor } = await askForLink('mona');
    actor.stop();
    await signOut();

    const link = lastLink('mona');
    pool().resetRequestCounts();
    expect(await open(link)).toMatchObject({ route: 'signedIn', user: { username: 'mona' } });
    // Opening it: a fresh sign-in and the token as its answer.
    expect(pool().requestCounts()).toEqual({ InitiateAuth: 1, RespondToAuthChallenge: 1 });
    expect(address.url.href).toBe(page);
  });

  it('asks another browser whose account the link opens, naming where it went, then signs in', async () => {
    await registerUser(pool(), 'mila');
    (await askForLink('mila')).actor.stop();
    await signOut();

    otherBrowser();
    address.url = new URL(lastLink('mila'));
    const actor = start();
    pool().resetRequestCounts();
    expect(await settled(actor)).toMatchObject({
      route: 'challenge',
      username: '',
      user: null,
      challenge: { type: 'linkConfirmation', destination: 'm***@e***.com' },
    });
    expect(pool().requestCounts()).toEqual({});
    expect(address.url.href).toBe(page);

    actor.send({ type: 'ANSWER_CHALLENGE', answer: '' });
    expect(await settled(actor)).toMatchObject({ route: 'signedIn', user: { username: 'mila' } });
    expect(pool().requestCounts()).toEqual({ InitiateAuth: 1, RespondToAuthChallenge: 1 });
    actor.stop();
  });

  it('signs no one in with a link another browser asked for when the user cancels, and it still works later', async () => {
    await registerUser(pool(), 'mallory');
    (await askForLink('mallory')).actor.stop();
    await signOut();

    otherBrowser();
    address.url = new URL(lastLink('mallory'));
    const actor = start();
    expect(await settled(actor)).toMatchObject({ challenge: { type: 'linkConfirmation' } });
    pool().resetRequestCounts();
    actor.send({ type: 'GO_TO_SIGN_IN' });
    expect(await settled(actor)).toMatchObject({
      route: 'signIn',
      username: '',
      error: null,
      user: null,
    });
    expect(pool().requestCounts()).toEqual({});
    actor.stop();
    // Nothing was spent: its owner may still use it.
    expect(await open(lastLink('mallory'), { confirm: true })).toMatchObject({
      route: 'signedIn',
      user: { username: 'mallory' },
    });
  });

  it('refuses a link opened twice, and a link a newer one replaced, naming why', async () => {
    await registerUser(pool(), 'nils');
    (await askForLink('nils')).actor.stop();
    const first = lastLink('nils');
    await signOut();
    (await askForLink('nils')).actor.stop();
    const second = lastLink('nils');
    await signOut();

    // The second request replaced this browser's secret: the first link asks first.
    expect(await open(first, { confirm: true })).toMatchObject({
      route: 'signIn',
      username: '',
      error: { code: 'LinkRefused', reason: 'superseded' },
    });
    expect(await open(second)).toMatchObject({ route: 'signedIn' });
    await signOut();
    expect(await open(second, { confirm: true })).toMatchObject({
      route: 'signIn',
      error: { code: 'LinkRefused', reason: 'used' },
    });
  });

  it('refuses a tampered link, and leaves any other fragment alone', async () => {
    await registerUser(pool(), 'olof');
    (await askForLink('olof')).actor.stop();
    await signOut();
    const [base, token] = lastLink('olof').split('#') as [string, string];
    const [keyId, claims, signature] = token.split('.') as [string, string, string];
    const forged = `${base}#${keyId}.${claims}.${signature.slice(0, -2)}AA`;
    expect(await open(forged, { confirm: true })).toMatchObject({
      route: 'signIn',
      error: { code: 'LinkRefused', reason: 'signature' },
    });

    expect(await open(`${page}#section-2`)).toMatchObject({ route: 'signIn', username: '' });
    expect(address.url.hash).toBe('#section-2');
  });

  it('drops a link opened while its user is signed in: a later sign-in by another name asks for that name’s own link', async () => {
    await registerUser(pool(), 'pia');
    await registerUser(pool(), 'rune');
    // Pia signs in with the code from the email; the link beside it still works.
    const { actor: waiting } = await askForLink('pia');
    waiting.send({ type: 'ANSWER_CHALLENGE', answer: latestCode(pool(), 'pia') });
    expect(await settled(waiting)).toMatchObject({ route: 'signedIn' });
    waiting.stop();

    address.url = new URL(lastLink('pia'));
    const actor = start();
    expect(await settled(actor)).toMatchObject({ route: 'signedIn', user: { username: 'pia' } });
    actor.send({ type: 'SIGN_OUT' });
    expect(await settled(actor)).toMatchObject({ route: 'signIn' });
    actor.send({ type: 'SIGN_IN', username: 'rune' });
    expect(await settled(actor)).toMatchObject({
      route: 'challenge',
      username: 'rune',
      user: null,
      error: null,
      challenge: { name: 'magicLink', type: 'code' },
    });
    expect(pool().outbox('rune').at(-1)?.link).toBeDefined();
    actor.stop();
  });

  it('shows an unknown user the same waiting screen, and sends nothing', async () => {
    const { actor, waiting } = await askForLink('nobody-here');
    expect(waiting).toMatchObject({
      route: 'challenge',
      error: null,
      challenge: { name: 'magicLink', type: 'code', codeLength: 6, deliveryMedium: 'EMAIL' },
    });
    expect(pool().outbox('nobody-here')).toEqual([]);
    actor.stop();
  });
});
