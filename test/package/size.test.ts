import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AppName,
  type AppSize,
  buildApp,
  contributors,
  kb,
  moduleGroup,
  modulesOutside,
  writeApp,
} from '../../bench/size/apps.ts';

const root = resolve(import.meta.dirname, '../..');

/**
 * What the default drop-in loads in all (JS and CSS, gzip) over an app that signs in with
 * Amplify alone. What its first paint needs gets a budget of its own (10 KB) once the
 * statechart loads after it; until then both are one chunk, under this budget.
 */
const dropInBudget = 26.5 * 1024;
/** Everything the hook alone loads (XState is about 12.9 KB of it). */
const hookBudget = 21 * 1024;

/** Strings only the screens have: a data-part value and a dictionary entry. */
const screenMarkers = ['code-input', 'No account? Create one'];

/** The challenge folders the drop-in takes default parts from: those its registry imports. */
const defaultPartFolders = () => {
  const registry = readFileSync(join(root, 'src/components/challenge/answer-parts.ts'), 'utf8');
  return new Set(
    // A part is a `.tsx`; what the registry reads from a protocol brings no part with it.
    [...registry.matchAll(/from '\.\.\/\.\.\/challenges\/([\w-]+)\/[\w-]+\.tsx'/g)].map(
      (match) => match[1],
    ),
  );
};

/** The built files of the source files in `folder` (under src/) whose names `pattern` matches. */
const builtFrom = (dist: string, folder: string, pattern: RegExp) =>
  readdirSync(join(root, 'src', folder))
    .filter((file) => pattern.test(file))
    .map((file) => join(dist, folder, file.replace(/\.tsx?$/, '.js')));

/**
 * The modules the default drop-in leaves out, found without a list to keep: the answer parts
 * (a challenge folder's `.tsx` files) of every type without a default part, the sign-in
 * links' client, and sign-up.
 */
function optInModules(dist: string): string[] {
  const defaults = defaultPartFolders();
  const optInTypes = readdirSync(join(root, 'src/challenges'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !defaults.has(entry.name))
    .map((entry) => entry.name);
  return [
    ...optInTypes.flatMap((type) => builtFrom(dist, `challenges/${type}`, /\.tsx$/)),
    join(dist, 'challenges/magic-link/client.js'),
    ...builtFrom(dist, 'components/sign-up', /\.tsx?$/),
  ];
}

describe('what the kit adds to an app', () => {
  let work: string;
  let dist: string;
  const sizes = new Map<AppName, AppSize>();
  const size = (name: AppName) => {
    const measured = sizes.get(name);
    if (!measured) throw new Error(`The ${name} app was not built.`);
    return measured;
  };
  const increment = (name: AppName) =>
    size(name).js + size(name).css - (size('floor').js + size('floor').css);

  beforeAll(async () => {
    // Inside the checkout, so the apps and the built package resolve their dependencies from
    // its node_modules.
    mkdirSync(join(root, 'node_modules/.cache'), { recursive: true });
    work = mkdtempSync(join(root, 'node_modules/.cache/size-'));
    dist = join(work, 'package/dist');
    execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), dist], { stdio: 'pipe' });
    // The package's own package.json beside the build, for its sideEffects field, on which
    // tree-shaking the screens out of a hook-only app depends.
    copyFileSync(join(root, 'package.json'), join(work, 'package/package.json'));
    const alias = [
      { find: /^cognito-custom-auth$/, replacement: join(dist, 'index.js') },
      { find: /^cognito-custom-auth\/styles\.css$/, replacement: join(dist, 'styles.css') },
    ];
    for (const name of ['floor', 'hook', 'dropin'] as const) {
      const dir = join(work, name);
      writeApp(dir, name);
      sizes.set(name, await buildApp(dir, { alias }));
    }
    const row = (name: AppName) =>
      `${name.padEnd(6)} js ${String(size(name).js).padStart(7)}  css ${String(size(name).css).padStart(6)}  over the floor ${name === 'floor' ? '' : `${increment(name)} B (${kb(increment(name))})`}`;
    console.log(
      [
        'gzip bytes (level 9), built against the local package:',
        row('floor'),
        row('hook'),
        row('dropin'),
        `budgets: drop-in ${dropInBudget} B, hook ${hookBudget} B`,
      ].join('\n'),
    );
  }, 120_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('builds the kit from the local build, and nothing from outside the checkout', () => {
    for (const name of ['floor', 'hook', 'dropin'] as const) {
      expect(modulesOutside(size(name), [`${root}/`])).toEqual([]);
      const ids = size(name).modules.map((module) => module.id);
      expect(ids.filter((id) => id.startsWith(`${root}/src/`))).toEqual([]);
      expect(ids.some((id) => id.startsWith(`${dist}/`))).toBe(name !== 'floor');
    }
  });

  /** The largest additions over the floor, to say in a failure what costs the bytes. */
  const largest = (name: AppName) => {
    const group = (id: string) => moduleGroup(id, { kitDist: `${dist}/`, kitFiles: true });
    const top = contributors(size(name), size('floor'), group).slice(0, 10);
    return `largest additions (estimated gzip): ${top.map((entry) => `${entry.name} ~${entry.gzip} B`).join(', ')}`;
  };

  it('adds at most 26.5 KB gzip (JS and CSS) with the drop-in', () => {
    expect(increment('dropin'), largest('dropin')).toBeLessThanOrEqual(dropInBudget);
  });

  it('keeps the hook alone within its 21 KB budget', () => {
    expect(size('hook').css).toBe(0);
    expect(increment('hook'), largest('hook')).toBeLessThanOrEqual(hookBudget);
  });

  it('leaves the opt-in parts (choice, CAPTCHA, sign-up, links) out of the default drop-in', () => {
    // The bundler names modules by their real paths.
    const built = realpathSync(dist);
    const optIn = optInModules(built);
    // Not vacuous: the parts it must find, each a file of the build.
    expect(optIn).toEqual(
      expect.arrayContaining([
        join(built, 'challenges/choice/ChoiceChallenge.js'),
        join(built, 'challenges/captcha/CaptchaChallenge.js'),
        join(built, 'components/sign-up/SignUpForm.js'),
      ]),
    );
    expect(optIn.filter((file) => !existsSync(file))).toEqual([]);
    const ids = new Set(size('dropin').modules.map((module) => module.id));
    expect(optIn.filter((file) => ids.has(file))).toEqual([]);
  });

  it('leaves WebOTP, an opt-in inside a default module, out of the default drop-in', () => {
    // Not vacuous: the package has it, where the opt-in takes it from.
    const built = readFileSync(join(dist, 'components/code-input/useWebOtp.js'), 'utf8');
    expect(built).toContain('OTPCredential');
    expect(size('dropin').jsText).not.toContain('OTPCredential');
  });

  it('leaves the development warnings out of production builds', () => {
    for (const name of ['hook', 'dropin'] as const) {
      expect(size(name).jsText).not.toContain('once, when it mounts');
      expect(size(name).jsText).not.toContain('inside <CustomAuthProvider> ignores');
      expect(size(name).jsText).not.toContain('submits with submit(value)');
    }
  });

  it('leaves the screens out of a hook-only app', () => {
    for (const marker of screenMarkers) {
      expect(size('dropin').jsText.includes(marker), `the drop-in has ${marker}`).toBe(true);
      expect(size('hook').jsText.includes(marker), `the hook-only app has ${marker}`).toBe(false);
    }
  });
});
