// Writes the wire protocol's table into docs/challenges.md from the protocols in
// src/challenges, where it is defined: `npm run docs:protocol`.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parameterTable } from '../src/challenges/protocols.ts';

const page = fileURLToPath(new URL('../docs/challenges.md', import.meta.url));
const start = '<!-- protocol-table: written by npm run docs:protocol -->';
const end = '<!-- /protocol-table -->';

/** The table as Markdown. */
export const protocolTable = () =>
  [
    '| parameter | meaning |',
    '| --- | --- |',
    ...parameterTable().map(
      ({ names, meaning }) => `| ${names.map((name) => `\`${name}\``).join(', ')} | ${meaning} |`,
    ),
  ].join('\n');

/** The page with the table between its markers replaced by `table`. */
export function withTable(text: string, table: string): string {
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`docs/challenges.md has no ${start} ... ${end}.`);
  return `${text.slice(0, from + start.length)}\n${table}\n${text.slice(to)}`;
}

export const readPage = () => readFileSync(page, 'utf8');

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(page, withTable(readPage(), protocolTable()));
}
