// Builds the package into dist/ (or the folder given): JavaScript and types with tsc, the
// stylesheet, which tsc does not copy, and the trigger handlers bundled for Lambda.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleHandlers } from './bundle-handlers.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = resolve(process.argv[2] ?? join(root, 'dist'));
// A clean folder: files left by an earlier build must not be packed.
rmSync(outDir, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', outDir], {
  stdio: 'inherit',
});
mkdirSync(outDir, { recursive: true });
copyFileSync(join(root, 'src/components/styles.css'), join(outDir, 'styles.css'));
await bundleHandlers(join(outDir, 'cdk/handlers'));
