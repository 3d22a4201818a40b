import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  cognitoPost,
  latestCode,
  registerOverHttp as registerUser,
} from '../support/local-pool.ts';
import { type DemoStage, screenshot, startDemoStage } from './harness.ts';

let stage: DemoStage;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  stage = await startDemoStage();
});
afterAll(async () => {
  await stage?.close();
});
beforeEach(async () => {
  context = await stage.browser.newContext();
  page = await context.newPage();
});
afterEach(async () => {
  await context.close();
});

async function open(flow = 'passwordless') {
  await page.goto(`${stage.url}?flow=${flow}`);
  await page.getByRole('form', { name: 'Sign in' }).waitFor();
}

async function signInUntilChallenge(username: string, password?: string) {
  await page.getByLabel('Username').fill(username);
  if (password) await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('form', { name: 'Check your email' }).waitFor();
}

/**
 * Runs before the page's scripts: notes each screen the drop-in shows (its `data-route`), as
 * it stands after every batch of DOM changes, so a screen shown only briefly is noted too.
 */
const noteScreens = `(() => {
  window.__screens = [];
  const note = () => {
    const route = document.querySelector('[data-route]')?.getAttribute('data-route');
    if (route && window.__screens.at(-1) !== route) window.__screens.push(route);
  };
  new MutationObserver(note).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-route'],
  });
})();`;

const screensShown = () =>
  page.evaluate(() => (window as unknown as { __screens: string[] }).__screens);

/** The element is at least `size` px high (and wide, for a control) where it is drawn. */
async function expectTarget(target: Locator, size: number) {
  const box = await target.boundingBox();
  expect(box?.height).toBeGreaterThanOrEqual(size);
  if (size < 44) expect(box?.width).toBeGreaterThanOrEqual(size);
}

/** A touch at its top or bottom edge lands on the element, not on something drawn over it. */
async function expectHitAcross(target: Locator) {
  const hits = await target.evaluate((element) => {
    const { left, width, top, bottom } = element.getBoundingClientRect();
    const x = left + width / 2;
    return [top + 1, bottom - 1].map((y) => element.contains(document.elementFromPoint(x, y)));
  });
  expect(hits).toEqual([true, true]);
}

const welcome = (username: string) => page.getByRole('heading', { name: `Welcome, ${username}` });

describe('the demo in Chromium, against the local pool', () => {
  it('signs in without a password', async () => {
    await registerUser(stage.pool, 'ada');
    await open();
    await screenshot(page, 'sign-in');
    await signInUntilChallenge('ada');
    await expect(page.getByText('We sent a code to a***@e***.com.').isVisible()).resolves.toBe(
      true,
    );
    await screenshot(page, 'challenge');
    await page.getByLabel('Code', { exact: true }).fill(latestCode(stage.pool, 'ada'));
    await welcome('ada').waitFor();
    await screenshot(page, 'signed-in');
  });

  it('says a wrong code is wrong, then accepts the right one', async () => {
    await registerUser(stage.pool, 'bea');
    await open();
    await signInUntilChallenge('bea');
    const code = latestCode(stage.pool, 'bea');
    await page.getByLabel('Code', { exact: true }).fill(code === '000000' ? '111111' : '000000');
    await page.getByText('Incorrect code. 2 attempts left.').waitFor();
    await expect(page.getByRole('alert').first().textContent()).resolves.toBe(
      'Incorrect code. 2 attempts left.',
    );
    await screenshot(page, 'challenge-wrong-code');
    await page.getByLabel('Code', { exact: true }).fill(code);
    await welcome('bea').waitFor();
  });

  it('signs in with a password, then a code', async () => {
    await registerUser(stage.pool, 'cyd', 'Cyd-Password-9');
    await open('passwordThenCode');
    await screenshot(page, 'sign-in-password');
    await signInUntilChallenge('cyd', 'Cyd-Password-9');
    await page.getByLabel('Code', { exact: true }).fill(latestCode(stage.pool, 'cyd'));
    await welcome('cyd').waitFor();
  });

  it('signs up, confirms, answers the challenge, and signs out', async () => {
    await open();
    await page.getByRole('button', { name: 'No account? Create one' }).click();
    await page.getByLabel('Username').fill('dot');
    await page.getByLabel('Email', { exact: true }).fill('dot@example.com');
    await screenshot(page, 'sign-up');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('form', { name: 'Confirm your account' }).waitFor();
    await screenshot(page, 'confirm-sign-up');
    await page.getByLabel('Code', { exact: true }).fill(latestCode(stage.pool, 'dot'));
    await page.getByRole('form', { name: 'Check your email' }).waitFor();
    await page.getByLabel('Code', { exact: true }).fill(latestCode(stage.pool, 'dot'));
    await welcome('dot').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('form', { name: 'Sign in' }).waitFor();
  });

  it('runs a chain of three: password, code, then a question, with a wrong answer at each', async () => {
    await registerUser(stage.pool, 'hal', 'Hal-Password-9');
    await open('passwordCodeQuestion');
    await signInUntilChallenge('hal', 'Hal-Password-9');
    await page.getByText('Step 2 of 3').waitFor();
    const code = latestCode(stage.pool, 'hal');
    await page.getByLabel('Code', { exact: true }).fill(code === '000000' ? '111111' : '000000');
    await page.getByText('Incorrect code. 2 attempts left.').waitFor();
    await page.getByLabel('Code', { exact: true }).fill(code);

    await page.getByRole('form', { name: 'Confirm it’s you' }).waitFor();
    await page.getByText('Step 3 of 3').waitFor();
    await page.getByText('What is the email address on this account?').waitFor();
    const answer = page.getByLabel('Answer', { exact: true });
    await expect(answer.evaluate((field) => field === document.activeElement)).resolves.toBe(true);
    await answer.fill('someone@example.com');
    await answer.press('Enter');
    await page.getByText(/^Incorrect answer\./).waitFor();
    await screenshot(page, 'challenge-question');
    await answer.fill('hal@example.com');
    await answer.press('Enter');
    await welcome('hal').waitFor();
  });

  it('lets the user choose SMS, then takes the code sent there', async () => {
    const ClientId = stage.pool.userPoolClientId;
    await cognitoPost(stage.pool, 'SignUp', {
      ClientId,
      Username: 'jon',
      Password: 'Correct-Horse-1',
      UserAttributes: [
        { Name: 'email', Value: 'jon@example.com' },
        { Name: 'phone_number', Value: '+15550009876' },
      ],
    });
    await cognitoPost(stage.pool, 'ConfirmSignUp', {
      ClientId,
      Username: 'jon',
      ConfirmationCode: latestCode(stage.pool, 'jon'),
    });
    // Confirming verified the email; codes go only to verified addresses, so the phone too.
    await cognitoPost(stage.pool, 'AdminUpdateUserAttributes', {
      UserPoolId: stage.pool.userPoolId,
      Username: 'jon',
      UserAttributes: [{ Name: 'phone_number_verified', Value: 'true' }],
    });
    await open('codeByChoice');
    await page.getByLabel('Username').fill('jon');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('group', { name: 'Choose one' }).waitFor();
    await page.getByText('Where should we send your code?').waitFor();
    await screenshot(page, 'challenge-choice');
    await page.getByLabel('Text +*******9876').check();
    await page.getByRole('button', { name: 'Send code' }).click();
    await page.getByRole('form', { name: 'Check your phone' }).waitFor();
    await expect(page.getByText('We sent a code to +*******9876.').isVisible()).resolves.toBe(true);
    expect(stage.pool.outbox('jon').at(-1)?.destination).toBe('+15550009876');
    await page.getByLabel('Code', { exact: true }).fill(latestCode(stage.pool, 'jon'));
    await welcome('jon').waitFor();
  });

  it('passes the local CAPTCHA by keyboard, then the code', async () => {
    await registerUser(stage.pool, 'ida');
    await open('captchaThenCode');
    await page.getByLabel('Username').fill('ida');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const box = page.getByRole('checkbox', { name: 'I am a person (local test check)' });
    await box.waitFor();
    await page.getByText('Step 1 of 2').waitFor();
    await screenshot(page, 'challenge-captcha');
    await page.keyboard.press('Space');
    await page.getByRole('form', { name: 'Check your email' }).waitFor();
    await page.getByLabel('Code', { exact: true }).fill(latestCode(stage.pool, 'ida'));
    await welcome('ida').waitFor();
  });

  it('gives touch users targets of 44 px on a phone: the options, the CAPTCHA and “Not you?”', async () => {
    await context.close();
    context = await stage.browser.newContext({
      viewport: { width: 360, height: 740 },
      hasTouch: true,
    });
    page = await context.newPage();
    await registerUser(stage.pool, 'kim');
    await open('codeByChoice');
    await page.getByLabel('Username').fill('kim');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const radio = page.getByRole('group', { name: 'Choose one' }).getByRole('radio').first();
    await radio.waitFor();
    await expectTarget(radio, 20);
    await expectTarget(radio.locator('xpath=ancestor::label'), 44);
    const notYou = page.getByRole('button', { name: 'Not you?' });
    await expectTarget(notYou, 44);
    await expectHitAcross(notYou);
    // The hit area grows; the line it sits on does not.
    const line = await notYou.locator('xpath=..').boundingBox();
    expect(line?.height).toBeLessThan(36);

    page = await context.newPage();
    await open('captchaThenCode');
    await page.getByLabel('Username').fill('kim');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const box = page.getByRole('checkbox', { name: 'I am a person (local test check)' });
    await box.waitFor();
    await expectTarget(box, 20);
    await expectTarget(box.locator('xpath=ancestor::label'), 44);
  });

  it('finishes a challenge after a reload in the middle of it', async () => {
    await registerUser(stage.pool, 'eve');
    await page.addInitScript({ content: noteScreens });
    await open();
    await signInUntilChallenge('eve');
    await page.reload();
    await page.getByRole('form', { name: 'Check your email' }).waitFor();
    // What was kept is found before anything shows: no sign-in form on the way back.
    expect(await screensShown()).toEqual(['initializing', 'challenge']);
    await page.getByLabel('Code', { exact: true }).fill(latestCode(stage.pool, 'eve'));
    await welcome('eve').waitFor();
  });

  it('paints the sign-in form first, and stays signed in across a reload without showing it', async () => {
    await registerUser(stage.pool, 'fay');
    await page.addInitScript({ content: noteScreens });
    await open();
    // Nothing stored: the form is the first screen, with no "Loading…" before it.
    expect(await screensShown()).toEqual(['signIn']);
    await signInUntilChallenge('fay');
    await page.getByLabel('Code', { exact: true }).fill(latestCode(stage.pool, 'fay'));
    await welcome('fay').waitFor();
    await page.reload();
    await welcome('fay').waitFor();
    // The demo's own signed-in view then replaces the drop-in, screens and all.
    const screens = await screensShown();
    expect(screens[0]).toBe('initializing');
    expect(screens).not.toContain('signIn');
  });

  it('says clearly when the pool is down, and recovers once it is back', async () => {
    await registerUser(stage.pool, 'gus');
    await open();
    await stage.stopPool();
    await page.getByLabel('Username').fill('gus');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('Cannot reach the sign-in service. Check your connection.').waitFor();
    await screenshot(page, 'sign-in-network-error');
    await stage.restartPool();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('form', { name: 'Check your email' }).waitFor();
    await page.getByLabel('Code', { exact: true }).fill(latestCode(stage.pool, 'gus'));
    await welcome('gus').waitFor();
  });
});
