import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '../..');

/** Installed consumer projects are kept here between runs; node_modules is ignored by git. */
export const cacheDir = join(root, 'node_modules/.cache/cognito-custom-auth-bench');

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function installedVersion(name: string): string {
  const manifest = JSON.parse(
    readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8'),
  ) as { version: string };
  return manifest.version;
}

/**
 * The versions of the checkout, so that every consumer, and the size test that builds against
 * the checkout's node_modules, compare the same React and Amplify.
 */
export const pinned = {
  react: installedVersion('react'),
  'react-dom': installedVersion('react-dom'),
  'aws-amplify': installedVersion('aws-amplify'),
};

/** Builds the package, packs it as npm would publish it, and returns the tarball's path. */
export function packKit(): string {
  execFileSync(npm, ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const packDir = join(cacheDir, 'pack');
  rmSync(packDir, { recursive: true, force: true });
  mkdirSync(packDir, { recursive: true });
  const report = JSON.parse(
    execFileSync(npm, ['pack', '--json', '--pack-destination', packDir], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  ) as Array<{ filename: string }>;
  const filename = report[0]?.filename;
  if (!filename) throw new Error('npm pack reported no tarball.');
  // npm resolves a tarball by its path, so a new name is what makes it install a new build.
  const tarball = join(packDir, filename);
  const hash = createHash('sha256').update(readFileSync(tarball)).digest('hex').slice(0, 12);
  const named = join(cacheDir, `cognito-custom-auth-${hash}.tgz`);
  if (!existsSync(named)) writeFileSync(named, readFileSync(tarball));
  for (const file of readdirSync(cacheDir)) {
    if (/^cognito-custom-auth-.*\.tgz$/.test(file) && join(cacheDir, file) !== named) {
      rmSync(join(cacheDir, file));
    }
  }
  rmSync(packDir, { recursive: true, force: true });
  return named;
}

/**
 * A project with its own package.json, installed from the registry unless an install of the
 * same dependencies is already there.
 */
export function installConsumer(
  name: string,
  dependencies: Record<string, string>,
  baseDir = cacheDir,
): string {
  const dir = join(baseDir, name);
  mkdirSync(dir, { recursive: true });
  const manifest = `${JSON.stringify({ name, private: true, type: 'module', dependencies }, null, 2)}\n`;
  const stamp = join(dir, 'node_modules/.bench-installed');
  const current = existsSync(stamp) ? readFileSync(stamp, 'utf8') : '';
  if (current !== manifest) {
    writeFileSync(join(dir, 'package.json'), manifest);
    execFileSync(npm, ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    writeFileSync(stamp, manifest);
  }
  return dir;
}

/** A consumer with the packed kit, React and aws-amplify. */
export function kitConsumer(tarball: string): string {
  const dir = installConsumer('kit', { ...pinned, 'cognito-custom-auth': `file:${tarball}` });
  const installed = join(dir, 'node_modules/cognito-custom-auth/dist/index.js');
  if (readFileSync(installed, 'utf8') !== readFileSync(join(root, 'dist/index.js'), 'utf8')) {
    throw new Error(`${installed} is not the build that was just packed.`);
  }
  return dir;
}

/** A consumer with Amplify UI, apart from the kit, whose XState is another major version. */
export function amplifyUiConsumer(): string {
  return installConsumer('amplify-ui', { ...pinned, '@aws-amplify/ui-react': 'latest' });
}

export function versionIn(dir: string, name: string): string {
  const manifest = JSON.parse(
    readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8'),
  ) as { version: string };
  return manifest.version;
}
