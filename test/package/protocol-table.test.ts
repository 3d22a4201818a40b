import { describe, expect, it } from 'vitest';
import { protocolTable, readPage, withTable } from '../../scripts/protocol-table.ts';

describe("the wire protocol's table in docs/challenges.md", () => {
  it('is the one the protocols in src/challenges define (npm run docs:protocol writes it)', () => {
    const page = readPage();
    expect(withTable(page, protocolTable())).toBe(page);
  });

  it('names every parameter once', () => {
    const names = [...protocolTable().matchAll(/^\| (.+?) \|/gm)]
      .slice(2)
      .flatMap(([, cell]) => cell?.split(', ') ?? []);
    expect(names).toContain('`linkSent`');
    expect(new Set(names).size).toBe(names.length);
  });
});
