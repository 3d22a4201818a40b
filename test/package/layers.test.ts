import { createRequire } from 'node:module';
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

describe('the layers of DESIGN.md', () => {
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
      ]),
    );
  }, 60_000);
});
