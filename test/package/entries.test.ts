import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { publint } from 'publint';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkApiReports } from '../../scripts/api-report.ts';

const root = resolve(import.meta.dirname, '../..');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  exports: Record<string, string | { types: string; import: string }>;
};

/** Every file under a folder, as paths relative to it. */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

/** Every bare module a built file reaches through its relative imports. */
function externalImports(entry: string, seen = new Set<string>()): Set<string> {
  const external = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    // Statements and dynamic imports, minified or not; never the words of a string (an error
    // message that quotes an import).
    for (const [, ...specifiers] of source.matchAll(
      /(?<=^|[;}\s])(?:import|export)\b[^;'"`]*?\bfrom\s*["']([^"']+)["']|(?<=^|[;}\s])import\s*["']([^"']+)["']|(?<![.\w'"`])import\(\s*["']([^"']+)["']\s*\)/gm,
    )) {
      const specifier = specifiers.find(Boolean);
      if (!specifier) continue;
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier));
      else external.add(specifier);
    }
  };
  visit(entry);
  return external;
}

describe('the packed package', () => {
  let work: string;
  let tarball: string;
  let packageDir: string;
  let outDir: string;

  beforeAll(() => {
    // Inside the checkout, so the unpacked files resolve their dependencies from node_modules.
    mkdirSync(join(root, 'node_modules/.cache'), { recursive: true });
    work = mkdtempSync(join(root, 'node_modules/.cache/pack-'));
    // `npm pack` as a publish runs it: prepack builds dist/ first.
    const [packed] = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    ) as [{ filename: string }];
    tarball = join(work, packed.filename);
    execFileSync('tar', ['-xzf', tarball, '-C', work]);
    packageDir = join(work, 'package');
    outDir = join(packageDir, 'dist');
  }, 180_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('holds the build, the readme, the licence and the manifest, and nothing else', () => {
    const files = listFiles(packageDir);
    const outside = files.filter((file) => !file.startsWith('dist/'));
    expect(outside.sort()).toEqual(['LICENSE', 'README.md', 'package.json']);
    const kinds = new Set(
      files
        .filter((file) => file.startsWith('dist/'))
        .map((file) => /(\.d\.ts|\.js\.map|\.[a-z]+)$/.exec(file)?.[1]),
    );
    // `.mjs`: the trigger handlers bundled for Lambda, which the CDK construct deploys.
    expect([...kinds].sort()).toEqual(['.css', '.d.ts', '.js', '.js.map', '.mjs']);
    for (const entry of Object.values(packageJson.exports)) {
      for (const target of typeof entry === 'string' ? [entry] : [entry.import, entry.types]) {
        expect(files).toContain(target.replace(/^\.\//, ''));
      }
    }
  });

  it('deploys, from the construct, the handler bundle it ships, which runs by itself', async () => {
    const { App, Stack } = await import('aws-cdk-lib');
    const { Template } = await import('aws-cdk-lib/assertions');
    const cdk = (await import(
      join(outDir, 'cdk/index.js')
    )) as typeof import('../../src/cdk/index.ts');
    const app = new App({ outdir: join(work, 'cdk.out') });
    const stack = new Stack(app, 'Auth');
    new cdk.CustomAuthBackend(stack, 'CustomAuth');
    const functions = Object.values(
      Template.fromStack(stack).findResources('AWS::Lambda::Function'),
    );
    expect(functions).toHaveLength(3);
    // Only node: built-ins and the AWS SDK, which Lambda's runtimes provide.
    const bundle = join(outDir, 'cdk/handlers/index.mjs');
    const outside = [...externalImports(bundle)].filter(
      (specifier) => !specifier.startsWith('node:') && !specifier.startsWith('@aws-sdk/'),
    );
    expect(outside).toEqual([]);
    const handlers = (await import(
      bundle
    )) as typeof import('../../src/triggers/presets/shipped-handlers.ts');
    const define = await handlers.defineAuthChallenge({
      request: { session: [], userNotFound: false, userAttributes: {} },
      response: {},
    } as unknown as Parameters<typeof handlers.defineAuthChallenge>[0]);
    expect(define.response).toMatchObject({
      challengeName: 'CUSTOM_CHALLENGE',
      issueTokens: false,
    });
    // The passkey functions of the same bundle, as a function URL calls them.
    const origin = 'https://app.example.com';
    vi.stubEnv('CUSTOM_AUTH_PASSKEYS', JSON.stringify({ rpId: 'example.com', origins: [origin] }));
    try {
      const answer = await handlers.passkeyChallenge({
        requestContext: { http: { method: 'POST' } },
        headers: { origin },
      });
      expect(answer.statusCode).toBe(200);
      expect(answer.headers['access-control-allow-origin']).toBe(origin);
      expect(JSON.parse(answer.body)).toMatchObject({ publicKey: { rpId: 'example.com' } });
    } finally {
      vi.unstubAllEnvs();
    }
  }, 60_000);

  it('gives the construct to a CommonJS CDK app, as `cdk init` makes one', () => {
    const app = join(work, 'cjs-app');
    mkdirSync(join(app, 'node_modules'), { recursive: true });
    symlinkSync(packageDir, join(app, 'node_modules/cognito-custom-auth'), 'dir');
    const result = spawnSync(
      process.execPath,
      ['-e', "process.stdout.write(typeof require('cognito-custom-auth/cdk').CustomAuthBackend)"],
      { cwd: app, encoding: 'utf8' },
    );
    expect({ status: result.status, stdout: result.stdout }).toEqual({
      status: 0,
      stdout: 'function',
    });
  }, 30_000);

  it('carries its sources inside the source maps, since src/ is not shipped', () => {
    const map = JSON.parse(readFileSync(join(outDir, 'machine/machine.js.map'), 'utf8')) as {
      sourcesContent?: string[];
    };
    expect(map.sourcesContent?.[0]).toContain('createMachine');
  });

  it('passes publint with nothing to report', async () => {
    const { messages } = await publint({
      pkgDir: packageDir,
      level: 'suggestion',
      strict: true,
      // The folder holds exactly what the tarball held.
      pack: false,
    });
    expect(messages).toEqual([]);
  }, 30_000);

  it('resolves its types under node16 and bundler resolution (are the types wrong)', () => {
    const attw = join(root, 'node_modules/@arethetypeswrong/cli/dist/index.js');
    // ESM only by design; the stylesheet has no types to find.
    const args = ['--profile', 'esm-only', '--exclude-entrypoints', './styles.css', '--format'];
    const result = spawnSync(process.execPath, [attw, tarball, ...args, 'json'], {
      encoding: 'utf8',
    });
    const report = JSON.parse(result.stdout) as {
      problems: Record<string, { entrypoint: string; resolutionKind: string }[]>;
    };
    const ignored = new Set(['node10', 'node16-cjs']);
    const problems = Object.values(report.problems)
      .flat()
      .filter((problem) => !ignored.has(problem.resolutionKind));
    expect({ problems, status: result.status }).toEqual({ problems: [], status: 0 });
  }, 60_000);

  it('depends on what its entries import, and on nothing only the pool would use', () => {
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      peerDependencies: Record<string, string>;
    };
    const declared = new Set([
      ...Object.keys(manifest.dependencies),
      ...Object.keys(manifest.peerDependencies),
    ]);
    const entries = [
      'index.js',
      'machine/index.js',
      'triggers/index.js',
      'local-pool/index.js',
      'local-pool/edge/index.js',
      'cdk/index.js',
    ];
    const imported = new Set(entries.flatMap((entry) => [...externalImports(join(outDir, entry))]));
    const packageOf = (specifier: string) =>
      specifier
        .split('/')
        .slice(0, specifier.startsWith('@') ? 2 : 1)
        .join('/');
    const undeclared = [...imported]
      .filter((specifier) => !specifier.startsWith('node:'))
      .map(packageOf)
      .filter((name) => !declared.has(name));
    expect(undeclared).toEqual([]);
    expect(Object.keys(manifest.dependencies)).toEqual(['xstate']);
  });

  it('exports exactly the surface in api/*.api.md, every type it mentions included', () => {
    // A difference means the public API changed: review it, then `npm run api:report`.
    // Outside node_modules, where API Extractor would take the package for a dependency.
    const copy = mkdtempSync(join(tmpdir(), 'api-'));
    cpSync(outDir, copy, { recursive: true });
    const reports = checkApiReports({ dist: copy, update: false });
    rmSync(copy, { recursive: true, force: true });
    for (const name of readdirSync(join(root, 'api'))) {
      expect(readFileSync(join(root, 'api', name), 'utf8'), name).not.toContain('Warning:');
    }
    expect(reports).toEqual(reports.map(({ entry }) => ({ entry, changed: false, problems: [] })));
  }, 60_000);

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
  }, 30_000);

  it('keeps React and Amplify out of the server entries', () => {
    for (const entry of ['triggers/index.js', 'local-pool/index.js', 'local-pool/edge/index.js']) {
      const external = [...externalImports(join(outDir, entry))];
      expect(external.filter((name) => /react|amplify/.test(name))).toEqual([]);
    }
  });

  it('marks the React entry as client code for server-rendering frameworks', () => {
    expect(readFileSync(join(outDir, 'index.js'), 'utf8')).toMatch(/^['"]use client['"];/);
  });

  it('imports nothing from node: in the browser and edge entries', () => {
    for (const entry of ['index.js', 'machine/index.js', 'local-pool/edge/index.js']) {
      const external = externalImports(join(outDir, entry));
      expect([...external].filter((name) => name.startsWith('node:'))).toEqual([]);
    }
  });
});
