// What the kit adds to an app, against what Amplify UI's Authenticator adds: consumer apps
// built with Vite from the packed package, installed from the registry as users get it.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  type AppName,
  type AppSize,
  buildApp,
  contributors,
  duplicatePackages,
  kb,
  moduleGroup,
  modulesOutside,
  type OptIn,
  optIns,
  writeApp,
} from './apps.ts';
import { amplifyUiConsumer, kitConsumer, packKit, pinned, root, versionIn } from './consumers.ts';

/**
 * Budgets, gzip over the floor: what the drop-in's first paint needs (the entry chunk and
 * its static imports, and the CSS), everything the default drop-in loads, and the hook
 * alone; and the goal for the drop-in.
 */
const firstPaintBudget = 10 * 1024;
const dropInGoal = 20 * 1024;
const dropInBudget = 26.5 * 1024;
const hookBudget = 21 * 1024;

async function measure(consumerDir: string, name: AppName): Promise<AppSize> {
  const dir = join(consumerDir, 'apps', name);
  rmSync(dir, { recursive: true, force: true });
  writeApp(dir, name);
  const size = await buildApp(dir, { outDir: join(dir, 'dist') });
  const outside = modulesOutside(size, [`${consumerDir}/`]);
  if (outside.length > 0) {
    throw new Error(`The ${name} app bundled files from outside its project: ${outside[0]} ...`);
  }
  const duplicates = duplicatePackages(size);
  if (duplicates.length > 0) {
    console.warn(`The ${name} app bundles two copies of: ${duplicates.join(', ')}`);
  }
  return size;
}

const total = (size: AppSize) => size.js + size.css;
const pad = (text: string, width: number) => text.padStart(width);
const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)} %`;

const started = performance.now();
console.log('Building and packing the kit ...');
const tarball = packKit();
console.log('Installing the consumer projects (reused when already installed) ...');
const kitDir = kitConsumer(tarball);
const amplifyUiDir = amplifyUiConsumer();

const sizes = {
  floor: await measure(kitDir, 'floor'),
  hook: await measure(kitDir, 'hook'),
  dropin: await measure(kitDir, 'dropin'),
  amplifyUiFloor: await measure(amplifyUiDir, 'floor'),
  amplifyUi: await measure(amplifyUiDir, 'amplifyUi'),
};

const firstPaint = (size: AppSize) => size.firstPaintJs + size.css;

const increments = {
  dropinFirstPaint: firstPaint(sizes.dropin) - firstPaint(sizes.floor),
  hook: total(sizes.hook) - total(sizes.floor),
  dropin: total(sizes.dropin) - total(sizes.floor),
  // Over the floor built in Amplify UI's own project, so that its increment is only Amplify UI.
  amplifyUi: total(sizes.amplifyUi) - total(sizes.amplifyUiFloor),
};

const rows: Array<[string, AppSize, number | undefined]> = [
  ['(a) floor: react + aws-amplify/auth', sizes.floor, undefined],
  ['(b) hook only', sizes.hook, increments.hook],
  ['(c) drop-in + styles.css', sizes.dropin, increments.dropin],
  ['floor, in the Amplify UI project', sizes.amplifyUiFloor, undefined],
  ['(d) Amplify UI Authenticator', sizes.amplifyUi, increments.amplifyUi],
];

console.log(
  [
    '',
    `Versions: react ${pinned.react}, aws-amplify ${pinned['aws-amplify']}, ` +
      `@aws-amplify/ui-react ${versionIn(amplifyUiDir, '@aws-amplify/ui-react')}, ` +
      `xstate ${versionIn(kitDir, 'xstate')}`,
    'Gzip (level 9) of all emitted JS, and of all CSS, in bytes (KB = 1024 B):',
    '',
    `${'app'.padEnd(38)}${pad('gzip JS', 18)}${pad('gzip CSS', 16)}${pad('total', 18)}${pad('over the floor', 22)}`,
    ...rows.map(
      ([label, size, increment]) =>
        `${label.padEnd(38)}${pad(`${size.js} (${kb(size.js)})`, 18)}${pad(`${size.css} (${kb(size.css)})`, 16)}` +
        `${pad(`${total(size)} (${kb(total(size))})`, 18)}` +
        `${pad(increment === undefined ? '' : `${increment} (${kb(increment)})`, 22)}`,
    ),
    '',
    `Our increment as a fraction of Amplify UI's: drop-in ${percent(increments.dropin, increments.amplifyUi)}, ` +
      `hook only ${percent(increments.hook, increments.amplifyUi)}`,
    `Drop-in's first paint: ${increments.dropinFirstPaint} B (${kb(increments.dropinFirstPaint)}) over the floor's; ` +
      `budget ${kb(firstPaintBudget)} ${increments.dropinFirstPaint <= firstPaintBudget ? 'met' : 'MISSED'}`,
    `Drop-in: ${kb(increments.dropin)} over the floor; goal ${kb(dropInGoal)} ` +
      `${increments.dropin <= dropInGoal ? 'met' : 'MISSED'}, budget ${kb(dropInBudget)} ` +
      `${increments.dropin <= dropInBudget ? 'met' : 'MISSED'}`,
    `Hook only: ${kb(increments.hook)} over the floor; budget ${kb(hookBudget)} ` +
      `${increments.hook <= hookBudget ? 'met' : 'MISSED'}`,
  ].join('\n'),
);

function printContributors(title: string, app: AppSize, base: AppSize, kitFiles: boolean) {
  const list = contributors(app, base, (id) => moduleGroup(id, { kitFiles }));
  console.log(`\n${title} (estimated gzip of each group's added code, minified apart):`);
  for (const entry of list.slice(0, Number(process.env.SIZE_TOP ?? 12))) {
    console.log(`  ${pad(String(entry.gzip), 7)} B  ${entry.name}`);
  }
}

const optInNames = Object.keys(optIns) as OptIn[];
console.log(`\nWhat each opt-in part adds to the default drop-in (gzip JS and CSS):`);
for (const name of optInNames) {
  const size = await measure(kitDir, `dropin+${name}`);
  console.log(`  ${name.padEnd(8)} ${pad(String(total(size) - total(sizes.dropin)), 6)} B`);
}

printContributors('What the hook adds, by package', sizes.hook, sizes.floor, false);
printContributors('What the drop-in adds, by package', sizes.dropin, sizes.floor, false);
printContributors('What the drop-in adds, by kit file', sizes.dropin, sizes.floor, true);
printContributors('What Amplify UI adds, by package', sizes.amplifyUi, sizes.amplifyUiFloor, false);
console.log(
  `\nBuilds are in ${join(kitDir, 'apps').replace(`${root}/`, '')} and ` +
    `${join(amplifyUiDir, 'apps').replace(`${root}/`, '')}; ` +
    `${((performance.now() - started) / 1000).toFixed(0)} s in all.`,
);
