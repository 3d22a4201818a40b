import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  exports: Record<string, { types: string; import: string }>;
};

/** Every bare module a built file reaches through its relative imports. */
function externalImports(entry: string, seen = new Set<string>()): Set<string> {
  const external = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, specifier] of source.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)) {
      if (!specifier) continue;
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier));
      else external.add(specifier);
    }
  };
  visit(entry);
  return external;
}

describe('the built package', () => {
  let outDir: string;

  beforeAll(() => {
    // Inside the checkout, so the built files resolve their dependencies from node_modules.
    mkdirSync(join(root, 'node_modules/.cache'), { recursive: true });
    outDir = mkdtempSync(join(root, 'node_modules/.cache/build-'));
    execFileSync(
      process.execPath,
      [
        join(root, 'node_modules/typescript/bin/tsc'),
        '-p',
        'tsconfig.build.json',
        '--outDir',
        outDir,
      ],
      { cwd: root, stdio: 'pipe' },
    );
  }, 120_000);

  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it.each(['.', './machine', './triggers', './local-pool'])(
    'emits the %s entry with its types where exports says',
    (entry) => {
      const target = packageJson.exports[entry];
      expect(target).toBeDefined();
      for (const file of [target?.import, target?.types]) {
        expect(existsSync(join(outDir, String(file).replace(/^\.\/dist\//, '')))).toBe(true);
      }
    },
  );

  it('keeps React out of the ./machine entry', () => {
    expect(externalImports(join(outDir, 'index.js'))).toContain('react');
    const external = externalImports(join(outDir, 'machine/index.js'));
    expect([...external].filter((name) => /react/.test(name))).toEqual([]);
    expect(external).toContain('xstate');
  });

  it.each(['cognito-custom-auth-pool', 'cognito-custom-auth-doctor'])(
    'ships %s as an executable script',
    (name) => {
      const bin = (packageJson as unknown as { bin: Record<string, string> }).bin[name];
      expect(bin).toMatch(/^\.\/dist\/.+\.js$/);
      const cli = readFileSync(join(outDir, String(bin).replace(/^\.\/dist\//, '')), 'utf8');
      expect(cli.startsWith('#!/usr/bin/env node\n')).toBe(true);
    },
  );

  it('starts the pool from the built CLI and serves its config', async () => {
    const cli = spawn(process.execPath, [join(outDir, 'local-pool/cli.js'), '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const banner = await new Promise<string>((resolvePromise, reject) => {
        let text = '';
        cli.stdout.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('codes sent')) resolvePromise(text);
        });
        cli.once('exit', (code) => reject(new Error(`the CLI exited with ${code}: ${text}`)));
      });
      const endpoint = /listening on (http:\/\/\S+)/.exec(banner)?.[1];
      expect(banner).toContain('local_CustomAuth');
      const config = (await (await fetch(`${endpoint}/_local/config`)).json()) as {
        endpoint: string;
      };
      expect(config.endpoint).toBe(endpoint);
    } finally {
      cli.kill('SIGTERM');
    }
  });

  it('keeps React and Amplify out of the server entries', () => {
    for (const entry of ['triggers/index.js', 'local-pool/index.js']) {
      const external = [...externalImports(join(outDir, entry))];
      expect(external.filter((name) => /react|amplify/.test(name))).toEqual([]);
    }
  });

  it('marks the React entry as client code for server-rendering frameworks', () => {
    expect(readFileSync(join(outDir, 'index.js'), 'utf8')).toMatch(/^['"]use client['"];/);
  });

  it('imports nothing from node: in the browser entries', () => {
    for (const entry of ['index.js', 'machine/index.js']) {
      const external = externalImports(join(outDir, entry));
      expect([...external].filter((name) => name.startsWith('node:'))).toEqual([]);
    }
  });
});
