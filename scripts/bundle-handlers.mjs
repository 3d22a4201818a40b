// The trigger handlers as one self-contained module for AWS Lambda, shipped in the package so
// that the CDK construct deploys them without esbuild or Docker at synth time.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The module Lambda loads (`index.mjs`): the ready-made Define, Create and Verify handlers. */
export async function bundleHandlers(outDir) {
  await build({
    entryPoints: [join(root, 'src/triggers/presets/ready-handlers.ts')],
    outfile: join(outDir, 'index.mjs'),
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
