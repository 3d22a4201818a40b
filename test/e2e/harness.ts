import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build, type PreviewServer, preview } from 'vite';
import { demoPoolOptions } from '../../demo/flows.ts';
import {
  type LocalPool,
  type LocalPoolOptions,
  startLocalPool,
} from '../../src/local-pool/index.ts';
import { chromiumLaunchOptions } from '../support/chromium.ts';

const root = resolve(import.meta.dirname, '../..');
export const artifacts = join(root, 'test-artifacts/e2e');

/** The demo, built for a pool on a free port and served by `vite preview`, plus Chromium. */
export interface DemoStage {
  pool: LocalPool;
  url: string;
  browser: Browser;
  restartPool: () => Promise<void>;
  stopPool: () => Promise<void>;
  close: () => Promise<void>;
}

export async function startDemoStage(): Promise<DemoStage> {
  const dataDir = mkdtempSync(join(tmpdir(), 'e2e-pool-'));
  const outDir = mkdtempSync(join(tmpdir(), 'e2e-demo-'));
  const poolOptions: LocalPoolOptions = { ...demoPoolOptions, port: 0, dataDir, log: () => {} };
  let pool = await startLocalPool(poolOptions);
  const port = Number(new URL(pool.endpoint).port);
  process.env.VITE_LOCAL_POOL_URL = pool.endpoint;
  const configFile = join(root, 'demo/vite.config.ts');
  await build({ configFile, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  const server: PreviewServer = await preview({
    configFile,
    logLevel: 'error',
    build: { outDir },
    preview: { port: 0, strictPort: false, host: '127.0.0.1' },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report its address.');
  const browser = await chromium.launch(chromiumLaunchOptions);
  mkdirSync(artifacts, { recursive: true });
  const stage: DemoStage = {
    get pool() {
      return pool;
    },
    url,
    browser,
    stopPool: () => pool.close(),
    restartPool: async () => {
      pool = await startLocalPool({ ...poolOptions, port });
    },
    close: async () => {
      await browser.close();
      await new Promise<void>((done) => server.httpServer.close(() => done()));
      await pool.close().catch(() => {});
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(outDir, { recursive: true, force: true });
    },
  };
  return stage;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}
