import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A fenced code block of a Markdown file. */
export interface CodeBlock {
  /** The info string's first word: `ts`, `tsx`, `sh`, ... (empty when none). */
  lang: string;
  /** The 1-based line of the block's first line of code in the Markdown file. */
  line: number;
  code: string;
  /** From `<!-- check-prelude: ... -->` on the line before the fence. */
  prelude: string | null;
  /** From `<!-- not-checked: why -->` on the line before the fence. */
  notChecked: string | null;
}

/** A heading outside code blocks, as written (`## The hook: \`useCustomAuth()\``). */
export interface Heading {
  level: number;
  text: string;
  line: number;
}

const fence = /^\s*(`{3,})\s*([\w-]*)/;
const marker = /^\s*<!--\s*(check-prelude|not-checked)\s*:\s*(.*?)\s*-->\s*$/;

/** The Markdown files of the docs: README, CONTRIBUTING and every page under docs/. */
export function docsFiles(root: string): string[] {
  const pages = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => join('docs', name));
  return ['README.md', 'CONTRIBUTING.md', ...pages.sort()];
}

/** The fenced code blocks and the headings of a Markdown text, in order. */
export function parseMarkdown(text: string): { blocks: CodeBlock[]; headings: Heading[] } {
  const lines = text.split('\n');
  const blocks: CodeBlock[] = [];
  const headings: Heading[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index] ?? '';
    const opening = fence.exec(line);
    if (!opening) {
      const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
      if (heading) {
        headings.push({ level: heading[1]?.length ?? 0, text: heading[2] ?? '', line: index + 1 });
      }
      index += 1;
      continue;
    }
    const ticks = opening[1] ?? '```';
    const closing = lines.findIndex(
      (candidate, at) => at > index && candidate.trim().startsWith(ticks) && !/\w/.test(candidate),
    );
    const end = closing === -1 ? lines.length : closing;
    const before = markerBefore(lines, index);
    blocks.push({
      lang: opening[2] ?? '',
      line: index + 2,
      code: lines.slice(index + 1, end).join('\n'),
      prelude: before?.kind === 'check-prelude' ? before.value : null,
      notChecked: before?.kind === 'not-checked' ? before.value : null,
    });
    index = end + 1;
  }
  return { blocks, headings };
}

/** The marker on the line right above a fence, if any; a marker without its text is an error. */
function markerBefore(lines: readonly string[], fenceIndex: number) {
  const found = marker.exec(lines[fenceIndex - 1] ?? '');
  if (!found) return null;
  const [, kind, value] = found;
  if (!value) throw new Error(`line ${fenceIndex}: ${kind} needs its text after the colon`);
  return { kind, value };
}

/**
 * The anchor GitHub gives a heading: lower case, Markdown's backticks and every punctuation
 * mark but `-` and `_` dropped, spaces as dashes.
 */
export function anchorOf(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors of a file's headings, numbered as GitHub numbers repeats (`-1`, `-2`, ...). */
export function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const { text: heading } of parseMarkdown(text).headings) {
    const anchor = anchorOf(heading);
    const count = seen.get(anchor) ?? 0;
    seen.set(anchor, count + 1);
    anchors.add(count === 0 ? anchor : `${anchor}-${count}`);
  }
  return anchors;
}

export const readText = (path: string) => readFileSync(path, 'utf8');
