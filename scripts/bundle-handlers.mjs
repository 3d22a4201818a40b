// The trigger handlers as a self-contained module for AWS Lambda (with the WebAuthn library in
// a chunk beside it, loaded only by the passkey steps), shipped in the package so that the CDK
// construct deploys them without esbuild or Docker at synth time.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The module Lambda loads (`index.mjs`, with its chunks): the ready-made Define, Create and
 * Verify handlers, and the passkey functions.
 */
export async function bundleHandlers(outDir) {
  await build({
    entryPoints: [join(root, 'src/triggers/presets/shipped-handlers.ts')],
    outdir: outDir,
    entryNames: 'index',
    outExtension: { '.js': '.mjs' },
    // WebAuthn's checks, a large library, in a chunk of their own that only passkeys load.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // The AWS SDK v3 clients come with Lambda's Node.js runtimes.
    external: ['@aws-sdk/*'],
    minify: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
}
