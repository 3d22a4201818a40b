// Time from navigation start until the sign-in form's Username field is visible and enabled, in
// headless Chromium with an empty cache on every load: the demo, a floor (Amplify's
// getCurrentUser, then a plain field), the hook alone, the drop-in alone, and Amplify UI's
// Authenticator, all built with Vite, served by `vite preview`, against the same local pool.
//
// Options: --runs=N loads per page (default 21), --cpu=N to slow the CPU down N times,
// --trace=DIR to record one more load of each page in a Chromium trace, print where its time
// went and keep the traces in DIR (they open in DevTools' Performance panel).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { build, type PreviewServer, preview } from 'vite';
import { startLocalPool } from '../../src/local-pool/index.ts';
import { chromiumLaunchOptions } from '../../test/support/chromium.ts';
import { median } from '../median.ts';
import { type AppName, buildApp, writeApp } from '../size/apps.ts';
import { amplifyUiConsumer, kitConsumer, packKit, root } from '../size/consumers.ts';
import { breakDown, marks, traceCategories } from './trace.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '21' },
    cpu: { type: 'string', default: '1' },
    trace: { type: 'string' },
  },
});
const runs = Number(values.runs);
const cpuRate = Number(values.cpu);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a positive whole number.');
if (!(cpuRate >= 1)) throw new Error('--cpu takes a slowdown factor of 1 or more.');

const label = 'Username';

/**
 * Runs in every page before its scripts: notes the first moment an input labelled Username is
 * in the document, laid out, not hidden and enabled, checking on every DOM change and frame.
 * Kept as source text, since a compiled function may call helpers the page does not have.
 */
const watchForField = `(() => {
  const label = ${JSON.stringify(label)};
  const labelled = (input) =>
    [...(input.labels ?? [])].some((element) => element.textContent.trim().startsWith(label)) ||
    input.getAttribute('aria-label') === label;
  const ready = () =>
    [...document.querySelectorAll('input')].some(
      (input) =>
        labelled(input) &&
        !input.matches(':disabled') &&
        input.getClientRects().length > 0 &&
        getComputedStyle(input).visibility !== 'hidden',
    );
  const check = () => {
    const root = document.getElementById('root');
    if (window.__firstRender === undefined && root && root.childElementCount > 0) {
      window.__firstRender = performance.mark(${JSON.stringify(marks.firstRender)}).startTime;
    }
    if (window.__fieldReady === undefined && ready()) {
      window.__fieldReady = performance.mark(${JSON.stringify(marks.fieldReady)}).startTime;
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
  const frame = () => {
    check();
    if (window.__fieldReady === undefined) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();`;

interface Page {
  name: string;
  url: string;
  times: number[];
  /** When the app first put anything on the page: the rest of `times` is waiting. */
  firstRenders: number[];
  bytes: number[];
}

const cleanups: Array<() => Promise<unknown>> = [];
async function cleanUp() {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
}
// The servers must not outlive the run, however it ends.
const deadline = setTimeout(() => {
  console.error('The load benchmark took over 15 minutes; stopping.');
  void cleanUp().then(() => process.exit(1));
}, 15 * 60_000);
deadline.unref();
process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));

async function serve(dir: string, outDir: string, configFile: string | false): Promise<string> {
  const server: PreviewServer = await preview({
    root: dir,
    configFile,
    logLevel: 'error',
    build: { outDir },
    preview: { port: 0, strictPort: false, host: '127.0.0.1' },
  });
  cleanups.push(() => new Promise<void>((done) => server.httpServer.close(() => done())));
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report its address.');
  return url;
}

try {
  const work = mkdtempSync(join(tmpdir(), 'cca-load-'));
  cleanups.push(async () => rmSync(work, { recursive: true, force: true }));
  const pool = await startLocalPool({
    port: 0,
    flow: 'either',
    dataDir: join(work, 'pool'),
    log: () => {},
  });
  cleanups.push(() => pool.close());
  process.env.VITE_LOCAL_POOL_URL = pool.endpoint;

  console.log('Building the demo, the floor, hook, drop-in and Amplify UI pages ...');
  const demoConfig = join(root, 'demo/vite.config.ts');
  const demoOut = join(work, 'demo');
  await build({ configFile: demoConfig, logLevel: 'error', build: { outDir: demoOut } });
  const pages: Page[] = [
    {
      name: 'demo (npm run build:demo)',
      url: await serve(join(root, 'demo'), demoOut, demoConfig),
    },
  ].map((page) => ({ ...page, times: [], firstRenders: [], bytes: [] }));

  const consumerPage = async (name: string, consumerDir: string, app: AppName) => {
    const dir = join(consumerDir, 'apps', `load-${app}`);
    rmSync(dir, { recursive: true, force: true });
    writeApp(dir, app, { withFloor: false, config: pool.amplifyConfig });
    const outDir = join(work, app);
    await buildApp(dir, { outDir });
    pages.push({
      name,
      url: await serve(dir, outDir, false),
      times: [],
      firstRenders: [],
      bytes: [],
    });
  };
  const kit = kitConsumer(packKit());
  await consumerPage('floor (Amplify, plain field)', kit, 'signInFloor');
  await consumerPage('hook alone (packed kit)', kit, 'hook');
  await consumerPage('drop-in alone (packed kit)', kit, 'dropin');
  await consumerPage('Amplify UI Authenticator', amplifyUiConsumer(), 'amplifyUi');

  const browser = await chromium.launch(chromiumLaunchOptions);
  cleanups.push(() => browser.close());

  const load = async (page: Page, traced = false) => {
    // A new context has an empty cache and storage: every load is a first visit.
    const context = await browser.newContext();
    try {
      const tab = await context.newPage();
      if (cpuRate > 1) {
        const cdp = await context.newCDPSession(tab);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuRate });
      }
      await tab.addInitScript({ content: watchForField });
      if (traced) await browser.startTracing(tab, { categories: traceCategories });
      await tab.goto(page.url, { waitUntil: 'commit' });
      await tab.getByLabel(label, { exact: true }).waitFor({ state: 'visible', timeout: 30_000 });
      const handle = await tab.waitForFunction(
        () => (window as unknown as { __fieldReady?: number }).__fieldReady,
        undefined,
        { timeout: 30_000 },
      );
      const time = (await handle.jsonValue()) as number;
      const firstRender = await tab.evaluate(
        () => (window as unknown as { __firstRender?: number }).__firstRender ?? Number.NaN,
      );
      const bytes = await tab.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .concat(performance.getEntriesByType('navigation'))
          .reduce((sum, entry) => sum + (entry as PerformanceResourceTiming).transferSize, 0),
      );
      const trace = traced ? JSON.parse((await browser.stopTracing()).toString()) : undefined;
      return { time, firstRender, bytes, trace };
    } finally {
      await context.close();
    }
  };

  // One load of each first, not counted: it warms the servers and the disk.
  for (const page of pages) await load(page);
  console.log(`Loading each page ${runs} times, in a new order each round ...`);
  for (let round = 0; round < runs; round++) {
    const order = [...pages].sort(() => Math.random() - 0.5);
    for (const page of order) {
      const { time, firstRender, bytes } = await load(page);
      page.times.push(time);
      page.firstRenders.push(firstRender);
      page.bytes.push(bytes);
    }
  }

  const amplifyUi = pages.at(-1);
  const floor = pages.find((page) => page.name.startsWith('floor'));
  if (!amplifyUi || !floor) throw new Error('No Amplify UI or floor page.');
  const reference = median(amplifyUi.times);
  const floorTime = median(floor.times);
  console.log(
    [
      '',
      `Headless Chromium ${browser.version()}, ${runs} loads each, new context (empty cache) per load` +
        `${cpuRate > 1 ? `, CPU slowed ${cpuRate}x` : ''}.`,
      'Time from navigation start until the Username field is visible and enabled (median, min,',
      'max), and until the app first rendered anything (median; the demo renders its own frame):',
      '',
      `${'page'.padEnd(30)}${'first render'.padStart(14)}${'median'.padStart(10)}${'min'.padStart(10)}${'max'.padStart(10)}${'transferred'.padStart(14)}${'vs floor'.padStart(10)}${'vs Amplify UI'.padStart(16)}`,
      ...pages.map(
        (page) =>
          `${page.name.padEnd(30)}${`${median(page.firstRenders).toFixed(1)} ms`.padStart(14)}` +
          `${`${median(page.times).toFixed(1)} ms`.padStart(10)}` +
          `${`${Math.min(...page.times).toFixed(1)} ms`.padStart(10)}` +
          `${`${Math.max(...page.times).toFixed(1)} ms`.padStart(10)}` +
          `${`${(median(page.bytes) / 1024).toFixed(1)} KB`.padStart(14)}` +
          `${`${(median(page.times) / floorTime).toFixed(2)}x`.padStart(10)}` +
          `${`${(median(page.times) / reference).toFixed(2)}x`.padStart(16)}`,
      ),
    ].join('\n'),
  );
  if (values.trace) {
    mkdirSync(values.trace, { recursive: true });
    const ms = (value: number) => `${value.toFixed(1)} ms`.padStart(12);
    console.log(
      [
        '',
        'One traced load of each page: when its files had all arrived, when it first rendered and',
        'when the field was ready, with the main thread busy (compiling, running script, rendering)',
        'before the first render and after it; the rest of the time after it is waiting.',
        '',
        `${'page'.padEnd(30)}${'files'.padStart(12)}${'1st render'.padStart(12)}${'field'.padStart(12)}${'busy before'.padStart(12)}${'compile'.padStart(12)}${'busy after'.padStart(12)}${'idle after'.padStart(12)}${'tasks'.padStart(7)}`,
      ].join('\n'),
    );
    for (const page of pages) {
      const { trace } = await load(page, true);
      const parts = breakDown(trace.traceEvents);
      writeFileSync(join(values.trace, `${page.name.split(' ')[0]}.json`), JSON.stringify(trace));
      console.log(
        page.name.padEnd(30) +
          ms(parts.filesArrived) +
          ms(parts.firstRender) +
          ms(parts.fieldReady) +
          ms(parts.busyBeforeFirstRender) +
          ms(parts.compile) +
          ms(parts.busyAfterFirstRender) +
          ms(parts.fieldReady - parts.firstRender - parts.busyAfterFirstRender) +
          String(parts.tasksAfterFirstRender).padStart(7),
      );
    }
  }
} finally {
  await cleanUp();
}
