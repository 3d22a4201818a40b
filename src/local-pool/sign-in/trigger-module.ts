import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LambdaHandler, TriggerHandlers } from './trigger-runner.ts';

const triggerNames = [
  'defineAuthChallenge',
  'createAuthChallenge',
  'verifyAuthChallengeResponse',
] as const;

type TsImport = (specifier: string, parentUrl: string) => Promise<Record<string, unknown>>;

const typeScriptFile = /\.[cm]?ts$/i;

/**
 * Where a package's export resolves for `import` (its ESM build: tsx's CommonJS build of the
 * API cannot import TypeScript), read from the package's manifest.
 */
function esmExport(manifestPath: string, subpath: string): string | undefined {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    exports?: Record<string, string | { import?: string | { default?: string } }>;
  };
  const entry = manifest.exports?.[subpath];
  const target = typeof entry === 'string' ? entry : entry?.import;
  const file = typeof target === 'string' ? target : target?.default;
  return file === undefined ? undefined : join(dirname(manifestPath), file);
}

/** tsx's programmatic import, when the project that holds the triggers (or runs the pool) has it. */
async function tsxImport(path: string): Promise<TsImport | undefined> {
  for (const base of [dirname(path), process.cwd()]) {
    let manifestPath: string;
    try {
      manifestPath = createRequire(join(base, 'package.json')).resolve('tsx/package.json');
    } catch {
      continue;
    }
    const api = esmExport(manifestPath, './esm/api');
    if (api === undefined) continue;
    return ((await import(pathToFileURL(api).href)) as { tsImport: TsImport }).tsImport;
  }
  return undefined;
}

function typeScriptHelp(file: string): string {
  return (
    `Cannot load ${file}: Node.js ${process.version} cannot run TypeScript by itself, and tsx ` +
    'is not installed in this project. Install it (npm install --save-dev tsx) and start the ' +
    'pool again, or start the pool through a TypeScript loader (node --import tsx ' +
    `node_modules/.bin/cognito-custom-auth-pool --triggers ${file}), or compile the triggers ` +
    'to JavaScript and pass the .js file.'
  );
}

/**
 * A TypeScript module through tsx when the project has it (Node 20 cannot strip types), else
 * as Node loads it (a newer Node that strips types, or one started with a loader).
 */
async function importModule(path: string, file: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(path).href;
  if (!typeScriptFile.test(path)) return import(url);
  const tsImport = await tsxImport(path);
  if (tsImport) return tsImport(url, url);
  try {
    return await import(url);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error;
    throw new Error(typeScriptHelp(file), { cause: error });
  }
}

/**
 * Loads a user's trigger module (ESM or CommonJS, JavaScript or TypeScript) exporting the three
 * handlers by name.
 */
export async function loadTriggerModule(file: string): Promise<TriggerHandlers> {
  const path = isAbsolute(file) ? file : resolve(process.cwd(), file);
  const loaded = await importModule(path, file);
  const exports = { ...(loaded.default as Record<string, unknown> | undefined), ...loaded };
  const missing = triggerNames.filter((name) => typeof exports[name] !== 'function');
  if (missing.length > 0) {
    throw new Error(`${file} must export the trigger handlers ${missing.join(', ')}.`);
  }
  const handler = (name: (typeof triggerNames)[number]) => exports[name] as LambdaHandler;
  return {
    defineAuthChallenge: handler('defineAuthChallenge'),
    createAuthChallenge: handler('createAuthChallenge'),
    verifyAuthChallengeResponse: handler('verifyAuthChallengeResponse'),
  };
}
