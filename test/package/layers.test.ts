import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { forbidden, options } = createRequire(import.meta.url)(`${root}.dependency-cruiser.cjs`);

/** The rules of .dependency-cruiser.cjs over `src` of `baseDir`; what they forbid there. */
async function violationsIn(baseDir: string): Promise<IViolation[]> {
  const { output } = await cruise(['src'], {
    ...options,
    baseDir,
    ruleSet: { forbidden },
    validate: true,
    tsConfig: undefined,
  });
  return (output as ICruiseResult).summary.violations;
}

const described = (violations: IViolation[]) =>
  violations.map(({ rule, from, to }) => `${rule.name}: ${from} -> ${to}`);

/** The roles a file in a challenge type's folder may have: the rules' subjects there. */
const challengeRoles = (forbidden as { from: { path?: string | string[] } }[])
  .flatMap(({ from }) => [from.path ?? []].flat())
  .filter((pattern) => pattern.startsWith('^src/challenges/'))
  .map((pattern) => new RegExp(pattern));

describe('the layers of DESIGN.md', () => {
  it('bind every file of a challenge type to a layer by its name', () => {
    const files = readdirSync(`${root}src/challenges`, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(root, join(entry.parentPath, entry.name)));
    expect(files.length).toBeGreaterThan(10);
    expect(files.filter((file) => !challengeRoles.some((role) => role.test(file)))).toEqual([]);
  });

  it('hold in the sources: no layer imports one it must not, and no import circles', async () => {
    expect(described(await violationsIn(root))).toEqual([]);
  }, 60_000);

  it('are enforced: a statechart importing React or node:, and a circle, each fail', async () => {
    const names = described(await violationsIn(`${root}test/fixtures/layers`));
    expect(names).toEqual(
      expect.arrayContaining([
        'machine-is-framework-free: src/machine/leak.ts -> src/react/view.ts',
        'browser-entries-have-no-node-builtins: src/machine/leak.ts -> fs',
        expect.stringMatching(/^no-circular: src\/triggers\/(first|second)\.ts/),
        'triggers-are-server-only: src/challenges/widget/step.ts -> src/challenges/widget/WidgetAnswer.tsx',
        'shared-stands-alone: src/challenges/widget/protocol.ts -> src/machine/leak.ts',
      ]),
    );
  }, 60_000);
});
