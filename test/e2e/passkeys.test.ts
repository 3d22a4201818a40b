import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { latestCode, registerOverHttp as registerUser } from '../support/local-pool.ts';
import { type DemoStage, screenshot, startDemoStage } from './harness.ts';

let stage: DemoStage;
let context: BrowserContext;
let page: Page;
let devtools: CDPSession;

beforeAll(async () => {
  stage = await startDemoStage();
}, 120_000);
afterAll(async () => {
  await stage?.close();
});
beforeEach(async () => {
  context = await stage.browser.newContext();
  page = await context.newPage();
  devtools = await context.newCDPSession(page);
});
afterEach(async () => {
  await context.close();
});

/**
 * A platform authenticator in the browser (Chromium's virtual one, through the DevTools
 * protocol): resident keys, user verification that passes, presence given at once.
 */
async function addAuthenticator() {
  await devtools.send('WebAuthn.enable');
  const { authenticatorId } = await devtools.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return {
    credentials: async () =>
      (await devtools.send('WebAuthn.getCredentials', { authenticatorId })).credentials,
  };
}

/** The demo on `localhost`: WebAuthn refuses 127.0.0.1 as a relying party. */
async function open(flow: string) {
  const url = new URL(stage.url);
  url.hostname = 'localhost';
  url.searchParams.set('flow', flow);
  await page.goto(url.href);
  await page.getByRole('form', { name: 'Sign in' }).waitFor();
}

async function typeUsername(username: string) {
  await page.getByLabel('Username').fill(username);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/**
 * Answers the code step with the code the pool sent, read once the step is shown: before
 * that, the newest code may be an older one (the sign-up's).
 */
async function enterCode(username: string) {
  await page.getByRole('form', { name: 'Check your email' }).waitFor();
  await page.getByLabel('Code', { exact: true }).fill(latestCode(stage.pool, username));
}

const welcome = (username: string) => page.getByRole('heading', { name: `Welcome, ${username}` });

async function signOut() {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('form', { name: 'Sign in' }).waitFor();
}

describe('passkeys in the demo, in Chromium with a virtual authenticator', () => {
  it('enrols one after a code, then signs in with it alone', async () => {
    await registerUser(stage.pool, 'pia');
    const authenticator = await addAuthenticator();
    await open('codeThenPasskey');
    await typeUsername('pia');
    await enterCode('pia');
    await page.getByRole('form', { name: 'Sign in faster next time' }).waitFor();
    await screenshot(page, 'passkey-offer');
    await page.getByRole('button', { name: 'Create a passkey' }).click();
    await welcome('pia').waitFor();
    const [made] = await authenticator.credentials();
    expect(made).toMatchObject({ isResidentCredential: true, rpId: 'localhost' });
    expect(Buffer.from(made?.userHandle ?? '', 'base64').toString()).toBe('pia');

    await signOut();
    await open('passkeyOrCode');
    await typeUsername('pia');
    // The prompt opens by itself; the authenticator answers it. No second passkey is offered.
    await welcome('pia').waitFor();
    const [used] = await authenticator.credentials();
    expect(used?.signCount).toBeGreaterThan(made?.signCount ?? 0);
  }, 60_000);

  it('goes on by the code for a user with no passkey, when asked', async () => {
    await registerUser(stage.pool, 'quin');
    await addAuthenticator();
    await open('passkeyOrCode');
    await typeUsername('quin');
    await page.getByRole('form', { name: 'Sign in with a passkey' }).waitFor();
    await screenshot(page, 'passkey-or-code');
    await page.getByRole('button', { name: 'Use a code instead' }).click();
    await page.getByRole('form', { name: 'Check your email' }).waitFor();
    // A new start by the code, not a wrong answer: nothing in the message under the field.
    await expect(page.locator('[data-part="error"]').textContent()).resolves.toBe('');
    await enterCode('quin');
    // Signed in by a code, the user with none is offered one.
    await page.getByRole('button', { name: 'Not now' }).click();
    await welcome('quin').waitFor();
  }, 60_000);

  it('signs in from the username field’s autofill, with no username typed', async () => {
    await registerUser(stage.pool, 'ria');
    await addAuthenticator();
    await open('codeThenPasskey');
    await typeUsername('ria');
    await enterCode('ria');
    await page.getByRole('button', { name: 'Create a passkey' }).click();
    await welcome('ria').waitFor();
    await signOut();

    stage.pool.resetRequestCounts();
    // Chromium's virtual authenticator gives its passkey as soon as the page asks.
    await open('passkeyAutofill');
    await expect(page.getByLabel('Username').getAttribute('autocomplete')).resolves.toBe(
      'username webauthn',
    );
    await welcome('ria').waitFor();
    // The chain's offer of a passkey comes after, and the client declines it by itself. (The
    // signed-in area's list of passkeys makes its own requests.)
    expect(stage.pool.requestCounts()).toMatchObject({
      'POST /passkeys/challenge': 1,
      InitiateAuth: 1,
      RespondToAuthChallenge: 2,
    });
  }, 60_000);

  it('adds and removes passkeys while signed in, each change after signing in again', async () => {
    await registerUser(stage.pool, 'wes');
    const authenticator = await addAuthenticator();
    await open('codeThenPasskey');
    await typeUsername('wes');
    await enterCode('wes');
    await page.getByRole('button', { name: 'Not now' }).click();
    await welcome('wes').waitFor();
    const passkeys = page.getByRole('region', { name: 'Passkeys' });
    await passkeys.getByText('You have no passkeys yet.').waitFor();

    // Adding asks for the code again, in a sign-in beside the session, then makes the passkey.
    await passkeys.getByRole('button', { name: 'Add a passkey' }).click();
    await page.getByRole('form', { name: 'Check your email' }).waitFor();
    await screenshot(page, 'passkey-step-up');
    await enterCode('wes');
    await passkeys.getByText('Passkey added.').waitFor();
    await passkeys.getByText(/^Created .+ · on this device only · never used$/).waitFor();
    expect(await authenticator.credentials()).toHaveLength(1);
    await screenshot(page, 'passkey-manager');

    // The passkey signs in; removing it is proved with the passkey itself.
    await signOut();
    await open('passkeyOrCode');
    await typeUsername('wes');
    await welcome('wes').waitFor();
    await passkeys.getByText(/ · last used /).waitFor();
    await passkeys.getByRole('button', { name: 'Remove' }).click();
    await passkeys.getByText('Passkey removed.').waitFor();
    await passkeys.getByText('You have no passkeys yet.').waitFor();
    await welcome('wes').waitFor();
  }, 60_000);

  it('falls back to the code on a device with no authenticator', async () => {
    await registerUser(stage.pool, 'xia');
    await devtools.send('WebAuthn.enable');
    await open('passkeyOrCode');
    await typeUsername('xia');
    await page.getByRole('form', { name: 'Sign in with a passkey' }).waitFor();
    await page.getByRole('button', { name: 'Use a code instead' }).click();
    await enterCode('xia');
    await page.getByRole('button', { name: 'Not now' }).click();
    await welcome('xia').waitFor();
  }, 60_000);
});
