import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMemoryPasskeyStore } from '../../src/challenges/passkey/server/passkey-store.ts';
import { challengeProtocols } from '../../src/challenges/protocols.ts';
import * as kit from '../../src/index.ts';
import { parseCliOptions, usage } from '../../src/local-pool/cli/options.ts';
import type { ChainPreset } from '../../src/local-pool/sign-in/chain-preset.ts';
import { chainPresets, chainStep } from '../../src/local-pool/sign-in/chain-presets.ts';

const registryNames = Object.keys(chainPresets);
const context = { linkSecret: 'a-link-key-for-tests', passkeys: createMemoryPasskeyStore() };

/**
 * The types the kit's client reads: its registry's, and those of the opt-in parts the React
 * entry exports as `<type>Part` (the passkey parts read their own parameters).
 */
const clientTypes = [
  ...Object.keys(challengeProtocols),
  ...Object.keys(kit)
    .filter((name) => name.endsWith('Part'))
    .map((name) => name.slice(0, -'Part'.length)),
];

const challenges = new URL('../../src/challenges/', import.meta.url);

/** The challenge types whose folder holds pool presets. */
const foldersWithPresets = readdirSync(challenges, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .filter((folder) => readdirSync(new URL(`${folder}/`, challenges)).includes('pool.ts'));

/** A folder's type name on the wire, as the client's registry of protocols spells it. */
const typeNameOf = (folder: string) =>
  folder.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** The one record of presets a folder's pool.ts exports. */
async function presetsOf(folder: string): Promise<Record<string, ChainPreset>> {
  const module: Record<string, unknown> = await import(
    new URL(`${folder}/pool.ts`, challenges).href
  );
  expect(Object.keys(module), `${folder}/pool.ts exports one record`).toHaveLength(1);
  return Object.values(module)[0] as Record<string, ChainPreset>;
}

describe("the local pool's chain presets", () => {
  it('are the names the command line takes, listed in its usage and errors in their order', () => {
    for (const name of registryNames) {
      expect(parseCliOptions(['--flow', name])).toMatchObject({ flow: [name] });
    }
    expect(() => parseCliOptions(['--flow', 'riddle'])).toThrow(
      `or a chain of ${registryNames.join(', ')} separated by commas`,
    );
    expect(usage.replace(/\s+/g, '')).toContain(`chainofsteps:${registryNames.join(',')}`);
  });

  it.each(['riddle', 'constructor', 'toString'])(
    'refuses a name from code that is none of them: %s',
    (name) => {
      expect(() => chainStep(name as never, context)).toThrow(
        `Unknown chain step "${name}": use ${registryNames.join(', ')}.`,
      );
    },
  );

  it.each(foldersWithPresets)(
    "in src/challenges/%s/pool.ts build steps of that folder's types, which the client reads",
    async (folder) => {
      const type = typeNameOf(folder);
      for (const [name, preset] of Object.entries(await presetsOf(folder))) {
        expect(chainPresets, `${name} is in the registry`).toHaveProperty(name, preset);
        const step = chainStep(name as never, context);
        expect(step, name).toMatchObject({
          kind: 'custom',
          type: expect.stringMatching(`^${type}`),
        });
        expect(clientTypes, name).toContain(step.kind === 'custom' ? step.type : '');
        // A step that runs another first (a code's choice of channel) names a known type too.
        if (step.kind === 'custom' && step.lead) {
          expect(Object.keys(challengeProtocols)).toContain(step.lead.type);
        }
      }
    },
  );

  it("hold the challenge folders' presets and the password, and nothing else", async () => {
    const fromFolders = await Promise.all(foldersWithPresets.map(presetsOf));
    const names = fromFolders.flatMap((presets) => Object.keys(presets));
    expect([...registryNames].sort()).toEqual(['password', ...names].sort());
    expect(chainStep('password', context)).toMatchObject({ kind: 'password' });
  });
});
