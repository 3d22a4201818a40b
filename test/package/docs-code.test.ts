import { mkdirSync, readdirSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CodeBlock, docsFiles, parseMarkdown, readText } from '../support/markdown.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = 'test/fixtures/docs-code/blocks.md';
/** Inside the repository, so that the blocks resolve react, aws-amplify and the rest. */
const workDir = join(root, '.docs-code', String(process.pid));

/** A block written out as a module of its own, and where its lines came from. */
interface Module {
  path: string;
  source: string;
  /** The Markdown line of the module's first line of code. */
  firstLine: number;
  /** Lines of prelude before the block's code. */
  preludeLines: number;
}

const compiles = (block: CodeBlock) =>
  (block.lang === 'ts' || block.lang === 'tsx') && block.notChecked === null;

/**
 * A block that opens with `// <path>.ts: ...` is written at that path, in a folder of its
 * Markdown file's own, so that blocks of one recipe import each other (`./triggers.js`).
 */
function fileNameOf(block: CodeBlock): string {
  const named = /^\/\/ ([\w/-]+\.(?:ts|tsx|mts|cts)):/.exec(block.code)?.[1];
  return named ?? `L${block.line}.${block.lang}`;
}

function modulesOf(markdown: string): Module[] {
  const folder = join(workDir, markdown.replace(/[/\\.]/g, '_'));
  const modules = parseMarkdown(readText(join(root, markdown)))
    .blocks.filter(compiles)
    .map((block) => {
      const prelude = block.prelude ? `${block.prelude}\n` : '';
      return {
        path: join(folder, fileNameOf(block)),
        source: markdown,
        firstLine: block.line,
        preludeLines: prelude ? 1 : 0,
        // Every block is a module, even one that only declares things.
        text: `${prelude}${block.code}\nexport {};\n`,
      };
    });
  const paths = modules.map((module) => module.path);
  const twice = paths.filter((path, index) => paths.indexOf(path) !== index);
  if (twice.length > 0) throw new Error(`${markdown}: two blocks name ${twice.join(', ')}`);
  return modules.map(({ text, ...module }) => {
    mkdirSync(dirname(module.path), { recursive: true });
    writeFileSync(module.path, text);
    return module;
  });
}

/** The repository's compiler options, with the package's own name resolving to src/. */
function compilerOptions(): ts.CompilerOptions {
  const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  return {
    ...options,
    noEmit: true,
    paths: {
      'cognito-custom-auth': [join(root, 'src/index.ts')],
      'cognito-custom-auth/*': [join(root, 'src/*/index.ts')],
    },
  };
}

/** `file:line: TS1234 message` for each error, at the Markdown line it comes from. */
function errorsIn(program: ts.Program, modules: readonly Module[]): string[] {
  return modules.flatMap((module) => {
    const file = program.getSourceFile(module.path);
    if (!file) return [`${module.source}:${module.firstLine}: not compiled`];
    return [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)].map(
      (diagnostic) => {
        const { line } = file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
        const at = module.firstLine + line - module.preludeLines;
        const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
        return `${module.source}:${at}: TS${diagnostic.code} ${text}`;
      },
    );
  });
}

let docs: Module[] = [];
let fixtureModules: Module[] = [];
let program: ts.Program;

beforeAll(() => {
  mkdirSync(workDir, { recursive: true });
  docs = docsFiles(root).flatMap(modulesOf);
  fixtureModules = modulesOf(fixture);
  // One program for both: the kit's types are read once.
  program = ts.createProgram(
    [...docs, ...fixtureModules].map((module) => module.path),
    compilerOptions(),
  );
}, 60_000);

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
  // The parent goes too once no other run is using it.
  if (readdirSync(join(root, '.docs-code')).length === 0) rmdirSync(join(root, '.docs-code'));
});

describe('the TypeScript blocks of README.md, CONTRIBUTING.md and docs/', () => {
  it('compile against src/ with the repository’s strict options', () => {
    expect(program.getGlobalDiagnostics()).toEqual([]);
    expect(docs.length).toBeGreaterThan(15);
    expect(docs.map((module) => module.source)).toEqual(
      expect.arrayContaining([
        'README.md',
        'docs/challenges.md',
        'docs/hook.md',
        'docs/triggers.md',
      ]),
    );
    expect(errorsIn(program, docs)).toEqual([]);
  }, 60_000);

  it('are really checked: a fixture’s broken blocks fail at their lines, marked ones are left out', () => {
    const blocks = parseMarkdown(readText(join(root, fixture))).blocks;
    expect(blocks.filter(compiles)).toHaveLength(fixtureModules.length);
    expect(blocks.filter((block) => block.notChecked !== null)).toHaveLength(1);
    const errors = errorsIn(program, fixtureModules).map((error) =>
      // Just the place and the code: the wording is the compiler's.
      error.replace(/^(\S+:\d+: TS\d+).*$/s, '$1'),
    );
    expect(errors).toEqual([
      `${fixture}:8: TS2322`,
      `${fixture}:16: TS2304`,
      `${fixture}:29: TS2345`,
      `${fixture}:51: TS2345`,
    ]);
  }, 60_000);
});
