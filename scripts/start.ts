/**
 * `npm start`: the local user pool and the demo's dev server, together, on 127.0.0.1.
 * HOST, POOL_PORT (9229) and DEMO_PORT (5173) change where they listen.
 */
import { createServer } from 'vite';
import { demoPoolOptions } from '../demo/flows.ts';
import { exposureWarning } from '../src/local-pool/cli/options.ts';
import { startLocalPool } from '../src/local-pool/index.ts';

const host = process.env.HOST ?? '127.0.0.1';
const warning = exposureWarning(host);
if (warning) console.error(warning);
const pool = await startLocalPool({
  host,
  port: Number(process.env.POOL_PORT ?? 9229),
  dataDir: '.local-pool',
  ...demoPoolOptions,
});
process.env.VITE_LOCAL_POOL_URL = pool.endpoint;
const demo = await createServer({
  configFile: new URL('../demo/vite.config.ts', import.meta.url).pathname,
});
await demo.listen();

// Passkeys need a domain name: WebAuthn refuses an IP address as the relying party.
const demoUrl = new URL(demo.resolvedUrls?.local[0] ?? `http://${host}:5173/`);
if (demoUrl.hostname === '127.0.0.1') demoUrl.hostname = 'localhost';
console.log(
  [
    `Local user pool  ${pool.endpoint}  (users kept in .local-pool/, codes printed below)`,
    `Demo             ${demoUrl.href}  (on localhost for passkeys)`,
  ].join('\n'),
);

const stop = async () => {
  await Promise.all([demo.close(), pool.close()]);
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
