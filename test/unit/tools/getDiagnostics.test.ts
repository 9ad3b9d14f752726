import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Diagnostic, DiagnosticsSource } from '../../../src/agent/diagnostics';
import { getDiagnosticsTool } from '../../../src/agent/tools/getDiagnostics';
import type { ToolContext } from '../../../src/agent/tools/tool';
import { NodeWorkspace } from '../../../src/agent/workspace/nodeWorkspace';

/** What an editor would report: a fixed list, filtered by file the way VS Code's API is. */
function editorProblems(all: Diagnostic[]): DiagnosticsSource & { asked: Array<string | undefined> } {
  const asked: Array<string | undefined> = [];
  return {
    asked,
    get: async (file) => {
      asked.push(file);
      return file === undefined ? all : all.filter((d) => d.path === file);
    },
  };
}

const problem = (file: string, line: number, severity: Diagnostic['severity'], message: string, source?: string): Diagnostic => ({
  path: file,
  line,
  column: 5,
  severity,
  message,
  ...(source ? { source } : {}),
});

describe('get_diagnostics', () => {
  let root: string;

  beforeEach(() => {
    root = realpathSync(mkdtempSync(path.join(tmpdir(), 'ouro-diagnostics-')));
    mkdirSync(path.join(root, 'src', 'lib'), { recursive: true });
    writeFileSync(path.join(root, 'src', 'a.ts'), 'let x: number = "1";\n');
    writeFileSync(path.join(root, 'src', 'lib', 'b.ts'), 'export {}\n');
    writeFileSync(path.join(root, 'package.json'), '{}\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const context = (diagnostics?: DiagnosticsSource): ToolContext => ({
    workspace: new NodeWorkspace(root),
    approver: { approve: async () => ({ approved: true }) },
    signal: new AbortController().signal,
    toolCallId: 'call_1',
    emit: () => {},
    ...(diagnostics ? { diagnostics } : {}),
  });

  const sample = [
    problem('src/lib/b.ts', 9, 'warning', "'y' is declared but never used.", 'ts'),
    problem('src/a.ts', 1, 'error', "Type 'string' is not assignable\n  to type 'number'.", 'ts'),
    problem('src/a.ts', 3, 'hint', 'Could be a const.', 'eslint'),
    problem('package.json', 2, 'error', 'Expected a comma.'),
  ];

  it('lists errors before warnings as path:line:col severity message (source)', async () => {
    const result = await getDiagnosticsTool.run({}, context(editorProblems(sample)));
    assert.equal(
      result.content,
      [
        '2 errors, 1 warning in the workspace:',
        'package.json:2:5 error Expected a comma.',
        "src/a.ts:1:5 error Type 'string' is not assignable to type 'number'. (ts)",
        "src/lib/b.ts:9:5 warning 'y' is declared but never used. (ts)",
      ].join('\n'),
    );
    assert.equal(result.isError, undefined);
  });

  it('asks the editor about one file by its workspace path', async () => {
    const source = editorProblems(sample);
    const result = await getDiagnosticsTool.run({ path: './src/a.ts' }, context(source));
    assert.deepEqual(source.asked, ['src/a.ts']);
    assert.equal(result.content, "1 error in src/a.ts:\nsrc/a.ts:1:5 error Type 'string' is not assignable to type 'number'. (ts)");
  });

  it('keeps only the problems inside a folder', async () => {
    const result = await getDiagnosticsTool.run({ path: 'src/lib' }, context(editorProblems(sample)));
    assert.equal(result.content, "1 warning in src/lib:\nsrc/lib/b.ts:9:5 warning 'y' is declared but never used. (ts)");
  });

  it('says when a file has no errors or warnings', async () => {
    const result = await getDiagnosticsTool.run({ path: 'src/lib/b.ts' }, context(editorProblems([problem('src/lib/b.ts', 1, 'hint', 'unused')])));
    assert.equal(result.content, 'No errors or warnings in src/lib/b.ts.');
  });

  it('caps a long list and counts what it left out', async () => {
    const many = Array.from({ length: 120 }, (_, i) => problem('src/a.ts', i + 1, i < 70 ? 'error' : 'warning', `problem ${i + 1}`));
    const lines = (await getDiagnosticsTool.run({}, context(editorProblems(many)))).content.split('\n');
    assert.equal(lines[0], '70 errors, 50 warnings in the workspace:');
    assert.equal(lines.length, 1 + 50 + 1);
    assert.equal(lines[1], 'src/a.ts:1:5 error problem 1');
    assert.equal(lines[51], '… 20 errors, 50 warnings more not listed; ask about one file to see all of its problems.');
  });

  it('refuses a path outside the workspace', async () => {
    const result = await getDiagnosticsTool.run({ path: '../elsewhere.ts' }, context(editorProblems(sample)));
    assert.equal(result.isError, true);
    assert.match(result.content, /outside the workspace/);
  });

  it('says it is not available where there is no editor (the CLI)', async () => {
    const result = await getDiagnosticsTool.run({}, context());
    assert.equal(result.isError, true);
    assert.match(result.content, /^get_diagnostics is not available here: there is no editor with language servers\. Run the project's checker with run_command/);
  });
});
