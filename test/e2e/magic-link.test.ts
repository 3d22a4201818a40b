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
    await phone.goto(lastLink('lotta'));
    await welcome(phone, 'lotta').waitFor();
    expect(phone.url()).toBe(`${stage.url}?flow=magicLink`);
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
    await second.goto(lastLink('mikko'));
    await welcome(second, 'mikko').waitFor();
    await welcome(waiting, 'mikko').waitFor();
  });

  it('takes the code from the same email in the waiting tab', async () => {
    await registerUser(stage.pool, 'nea');
    const page = await (await device()).newPage();
    await askForLink(page, 'nea');
    await page.getByLabel('Code', { exact: true }).fill(latestCode(stage.pool, 'nea'));
    await welcome(page, 'nea').waitFor();
  });

  it('refuses a link opened twice, with the username filled for a new one', async () => {
    await registerUser(stage.pool, 'otso');
    const first = await (await device()).newPage();
    await askForLink(first, 'otso');
    const link = lastLink('otso');
    const opener = await (await device()).newPage();
    await opener.goto(link);
    await welcome(opener, 'otso').waitFor();

    const again = await (await device()).newPage();
    await again.goto(link);
    await again.getByText('This link has expired or was replaced. Sign in again.').waitFor();
    await expect(again.getByLabel('Username').inputValue()).resolves.toBe('otso');
    expect(again.url()).toBe(`${stage.url}?flow=magicLink`);
  });
});
