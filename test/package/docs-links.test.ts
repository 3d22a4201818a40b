import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { anchorOf, anchorsOf, docsFiles, parseMarkdown, readText } from '../support/markdown.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Markdown links and images outside code blocks: `[text](target)`. */
function linksOf(text: string): string[] {
  const prose = text.replace(/^\s*```[\s\S]*?^\s*```/gm, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] ?? '');
}

/** What is wrong with a link of `from`, or null. */
function brokenLink(from: string, target: string): string | null {
  if (/^[a-z]+:/i.test(target)) return null;
  const [path = '', anchor] = target.split('#');
  const file = path ? join(dirname(join(root, from)), path) : join(root, from);
  if (!existsSync(file)) return `${from}: ${target}: no such file`;
  if (anchor === undefined) return null;
  if (!file.endsWith('.md') || statSync(file).isDirectory()) {
    return `${from}: ${target}: an anchor into a file that is not Markdown`;
  }
  return anchorsOf(readText(file)).has(anchor) ? null : `${from}: ${target}: no such heading`;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(ts|tsx|cjs|mjs)$/.test(name) && !name.includes('node_modules'))
    .map((name) => join(folder, name));
}

/** The code that may name a section of the docs (this file names README on purpose). */
const sources = ['src', 'test', 'stories', 'demo', 'scripts', 'bench']
  .flatMap(sourceFiles)
  .filter((file) => file !== 'test/package/docs-links.test.ts');

describe('the links of README.md, CONTRIBUTING.md and docs/', () => {
  it('point to files and headings that exist', () => {
    const links = docsFiles(root).flatMap((file) =>
      linksOf(readText(join(root, file))).map((target) => ({ file, target })),
    );
    expect(links.length).toBeGreaterThan(50);
    expect(links.map(({ file, target }) => brokenLink(file, target)).filter(Boolean)).toEqual([]);
  });

  it('are judged: a missing page, a missing heading and a heading in a code block are broken', () => {
    expect(brokenLink('README.md', 'docs/nowhere.md')).toMatch(/no such file/);
    expect(brokenLink('README.md', 'docs/triggers.md#limits-across-sign-ins')).toBeNull();
    expect(brokenLink('README.md', 'docs/triggers.md#limits-across-sign-in')).toMatch(/heading/);
    expect(anchorOf('## What `useCustomAuth()` returns'.slice(3))).toBe(
      'what-usecustomauth-returns',
    );
    const withCode = '# Real\n\n```sh\n# not a heading\n```\n';
    expect([...anchorsOf(withCode)]).toEqual(['real']);
    expect(parseMarkdown(withCode).blocks).toHaveLength(1);
  });
});

describe('sections named in messages and comments', () => {
  const named = sources.flatMap((file) =>
    [...readText(join(root, file)).matchAll(/"([^"\n]+)" in ((?:docs\/)?[\w-]+\.md)/g)].map(
      ([, section = '', page = '']) => ({ file, section, page }),
    ),
  );

  it('exist as headings of the page they name', () => {
    expect(named.length).toBeGreaterThanOrEqual(6);
    const missing = named.filter(({ section, page }) => {
      const path = join(root, page);
      if (!existsSync(path)) return true;
      const headings = parseMarkdown(readText(path)).headings.map(({ text }) =>
        text.replace(/`/g, ''),
      );
      return !headings.includes(section);
    });
    expect(missing).toEqual([]);
  });

  it('never send anyone to a README section, since the README is short now', () => {
    const pointing = sources.filter((file) =>
      /in the README|README's|README’s/.test(readText(join(root, file))),
    );
    expect(pointing).toEqual([]);
  });
});
