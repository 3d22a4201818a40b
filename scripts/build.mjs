// Builds the package into dist/ (or the folder given): JavaScript and types with tsc, then
// the stylesheet, which tsc does not copy.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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
