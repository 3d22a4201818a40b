import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { latestCode, registerOverHttp as registerUser } from '../support/local-pool.ts';
import { type DemoStage, screenshot, startDemoStage } from './harness.ts';

let stage: DemoStage;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  stage = await startDemoStage();
});
afterAll(async () => {
  await stage?.close();
});
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

/** A browser profile of its own: another device, as far as storage goes. */
async function device(): Promise<BrowserContext> {
  const context = await stage.browser.newContext();
  contexts.push(context);
  return context;
}

const welcome = (page: Page, username: string) =>
  page.getByRole('heading', { name: `Welcome, ${username}` });

/** Asks for a link on `page` and waits on the screen that says it was sent. */
async function askForLink(page: Page, username: string) {
  await page.goto(`${stage.url}?flow=magicLink`);
  await page.getByLabel('Username').fill(username);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('form', { name: 'Check your email' }).waitFor();
}

function lastLink(username: string): string {
  const link = stage.pool.outbox(username).at(-1)?.link;
  if (!link) throw new Error(`No link was sent to ${username}.`);
  return link;
}

/** The question a browser that did not ask for a link shows before using it. */
const confirmation = (page: Page, destination: string) =>
  page.getByRole('form', { name: `Continue signing in as ${destination}?` });

/**
 * A page that records whether the question ever showed: a same-browser link must sign in
 * without it, not merely get past it.
 */
async function watchForConfirmation(page: Page) {
  await page.addInitScript(() => {
    new MutationObserver(() => {
      if (document.querySelector('[data-screen="linkConfirmation"]')) {
        (window as { confirmationShown?: boolean }).confirmationShown = true;
      }
    }).observe(document, { childList: true, subtree: true });
  });
  return () => page.evaluate(() => (window as { confirmationShown?: boolean }).confirmationShown);
}

/** Whether Amplify holds tokens for anyone in this page's browser. */
const storedSession = (page: Page) =>
  page.evaluate(() => Object.keys(localStorage).some((key) => key.endsWith('.accessToken')));

describe('magic links in the demo, in Chromium, against the local pool', () => {
  it('signs in on another device with the link, which leaves the address bar at once', async () => {
    await registerUser(stage.pool, 'lotta');
    const laptop = await (await device()).newPage();
    await askForLink(laptop, 'lotta');
    await expect(laptop.getByText('We sent a code to l***@e***.com.').isVisible()).resolves.toBe(
      true,
    );
    await screenshot(laptop, 'magic-link-sent');

    const phone = await (await device()).newPage();
    const confirmationShown = await watchForConfirmation(phone);
    await phone.goto(lastLink('lotta'));
    // Another browser asked for it: whose account it opens, first.
    await confirmation(phone, 'l***@e***.com').waitFor();
    expect(phone.url()).toBe(`${stage.url}?flow=magicLink`);
    await expect(storedSession(phone)).resolves.toBe(false);
    await screenshot(phone, 'magic-link-confirmation');
    await phone.getByRole('button', { name: 'Continue' }).click();
    await welcome(phone, 'lotta').waitFor();
    await expect(confirmationShown()).resolves.toBe(true);
    // The other device's session is its own: the laptop still waits for its code.
    await expect(laptop.getByRole('form', { name: 'Check your email' }).isVisible()).resolves.toBe(
      true,
    );
  });

  it('signs in both tabs when the link opens in a second tab of the same browser', async () => {
    await registerUser(stage.pool, 'mikko');
    const browser = await device();
    const waiting = await browser.newPage();
    await askForLink(waiting, 'mikko');

    const second = await browser.newPage();
    const confirmationShown = await watchForConfirmation(second);
    await second.goto(lastLink('mikko'));
    await welcome(second, 'mikko').waitFor();
    await welcome(waiting, 'mikko').waitFor();
    await expect(confirmationShown()).resolves.toBeUndefined();
  });

  it('takes the code from the same email in the waiting tab', async () => {
    await registerUser(stage.pool, 'nea');
    const page = await (await device()).newPage();
    await askForLink(page, 'nea');
    await page.getByLabel('Code', { exact: true }).fill(latestCode(stage.pool, 'nea'));
    await welcome(page, 'nea').waitFor();
  });

  it('refuses a link opened twice, telling the browser that did not ask nothing of whose it was', async () => {
    await registerUser(stage.pool, 'otso');
    const first = await (await device()).newPage();
    await askForLink(first, 'otso');
    const link = lastLink('otso');
    const opener = await (await device()).newPage();
    await opener.goto(link);
    await opener.getByRole('button', { name: 'Continue' }).click();
    await welcome(opener, 'otso').waitFor();

    const again = await (await device()).newPage();
    await again.goto(link);
    await again.getByRole('button', { name: 'Continue' }).click();
    await again.getByText('This link has expired or was replaced. Sign in again.').waitFor();
    // A browser that did not ask is not told whose link it was.
    await expect(again.getByLabel('Username').inputValue()).resolves.toBe('');
    expect(again.url()).toBe(`${stage.url}?flow=magicLink`);
  });

  describe('an attacker’s link (login CSRF)', () => {
    /** Mallory asks for a link to her own account, in her own browser, and sends it on. */
    async function attackersLink(attacker: string) {
      await registerUser(stage.pool, attacker);
      const own = await (await device()).newPage();
      await askForLink(own, attacker);
      return lastLink(attacker);
    }

    it('signs a signed-out victim in to no one: the question names the attacker’s address, and Cancel leaves an empty form', async () => {
      const link = await attackersLink('mallory');
      const victim = await (await device()).newPage();
      await victim.goto(link);
      await confirmation(victim, 'm***@e***.com').waitFor();
      // Focus starts on Cancel: a reflexive Enter signs no one in.
      await victim.keyboard.press('Enter');
      await victim.getByRole('form', { name: 'Sign in' }).waitFor();
      await expect(victim.getByLabel('Username').inputValue()).resolves.toBe('');
      await expect(storedSession(victim)).resolves.toBe(false);
      // A reload brings nothing back: the link left the address and memory with the answer.
      await victim.reload();
      await victim.getByRole('form', { name: 'Sign in' }).waitFor();
      await expect(storedSession(victim)).resolves.toBe(false);
      await expect(welcome(victim, 'mallory').count()).resolves.toBe(0);
    });

    it('leaves a signed-in victim in her own account when she opens it in a new tab, signs out, and types her own name', async () => {
      await registerUser(stage.pool, 'vera');
      const link = await attackersLink('mallet');
      const browser = await device();
      const first = await browser.newPage();
      await askForLink(first, 'vera');
      await first.getByLabel('Code', { exact: true }).fill(latestCode(stage.pool, 'vera'));
      await welcome(first, 'vera').waitFor();

      const second = await browser.newPage();
      await second.goto(link);
      await welcome(second, 'vera').waitFor();
      await second.getByRole('button', { name: 'Sign out' }).click();
      await second.getByLabel('Username').fill('vera');
      const sent = stage.pool.outbox('vera').length;
      await second.getByRole('button', { name: 'Sign in', exact: true }).click();
      // Her own sign-in: a link to her own address, not the attacker's session.
      await second.getByRole('form', { name: 'Check your email' }).waitFor();
      await expect(second.getByText('We sent a code to v***@e***.com.').isVisible()).resolves.toBe(
        true,
      );
      expect(stage.pool.outbox('vera').length).toBe(sent + 1);
      await expect(storedSession(second)).resolves.toBe(false);
      await expect(welcome(second, 'mallet').count()).resolves.toBe(0);
      await expect(welcome(first, 'mallet').count()).resolves.toBe(0);
    });
  });
});
