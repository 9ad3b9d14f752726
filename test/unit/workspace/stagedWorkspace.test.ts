// Review at the end, on real folders: the agent's writes are staged (the disk is untouched), its
// own tools see them, and committing applies the kept hunks through the real workspace, or
// reports a conflict when the file changed on disk since.
import { strict as assert } from 'node:assert';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runToolCall } from '../../../src/agent/runToolCall';
import { editFileTool } from '../../../src/agent/tools/editFile';
import { listFilesTool } from '../../../src/agent/tools/listFiles';
import { readFileTool } from '../../../src/agent/tools/readFile';
import { searchFilesTool } from '../../../src/agent/tools/searchFiles';
import type { Tool, ToolContext } from '../../../src/agent/tools/tool';
import { writeFileTool } from '../../../src/agent/tools/writeFile';
import { NodeWorkspace } from '../../../src/agent/workspace/nodeWorkspace';
import { StagedWorkspace } from '../../../src/agent/workspace/stagedWorkspace';
import { allPaths, useTempTrees } from './tempTree';

const tools = [readFileTool, writeFileTool, editFileTool, listFilesTool, searchFilesTool] as Tool[];

function call(workspace: StagedWorkspace, name: string, args: object, id = 'call-1') {
  const ctx: ToolContext = { workspace, approver: { approve: async () => ({ approved: true }) }, signal: new AbortController().signal, toolCallId: id, emit: () => {} };
  return runToolCall({ id, name, arguments: JSON.stringify(args) }, tools, ctx);
}

const CODE = ['export function add(a, b) {', '  return a + b;', '}', '', 'export const one = 1;', ''].join('\n');

describe('the staged workspace (review at the end)', () => {
  const { tree } = useTempTrees();

  async function staged(spec: Record<string, string> = { 'src/math.js': CODE }) {
    const root = await tree(spec);
    return { root, workspace: new StagedWorkspace(new NodeWorkspace(root, { approve: 'edits', ripgrep: false })) };
  }

  it("stages the agent's writes: the disk is untouched, its own reads, listings and searches see them", async () => {
    const { root, workspace } = await staged();
    const before = await allPaths(root);
    const edited = await call(workspace, 'edit_file', { path: 'src/math.js', old_string: 'return a + b;', new_string: 'return a + b + 0;' });
    assert.ok(!edited.isError, edited.content);
    assert.match(edited.content, /Staged for the user to review/);
    const created = await call(workspace, 'write_file', { path: 'src/lib/new.js', content: 'export const two = 2;\n' }, 'call-2');
    assert.ok(!created.isError, created.content);

    assert.deepEqual(await allPaths(root), before);
    assert.equal(await readFile(join(root, 'src/math.js'), 'utf8'), CODE);
    assert.match((await call(workspace, 'read_file', { path: 'src/math.js' })).content, /return a \+ b \+ 0;/);
    assert.match((await call(workspace, 'read_file', { path: 'src/lib/new.js' })).content, /two = 2/);
    const listing = (await call(workspace, 'list_files', { path: 'src', recursive: true })).content;
    assert.match(listing, /src\/lib\/new\.js/);
    assert.match((await call(workspace, 'list_files', { path: 'src/lib' })).content, /new\.js/);
    const search = (await call(workspace, 'search_files', { pattern: 'a \\+ b' })).content;
    assert.match(search, /a \+ b \+ 0/);
    assert.doesNotMatch(search, /return a \+ b;$/m);
    assert.match((await call(workspace, 'search_files', { pattern: 'two' })).content, /src\/lib\/new\.js/);
    // A second edit builds on the first: the original stays what the disk had.
    await call(workspace, 'edit_file', { path: 'src/math.js', old_string: 'export const one = 1;', new_string: 'export const one = 1.0;' }, 'call-3');
    const file = workspace.get('src/math.js');
    assert.equal(file?.original, CODE);
    assert.deepEqual(file?.toolCallIds, ['call-1', 'call-3']);
    assert.deepEqual(
      workspace.pending().map((s) => [s.path, s.added, s.removed, s.isNew, s.hunks]),
      [
        ['src/lib/new.js', 1, 0, true, 1],
        ['src/math.js', 2, 2, false, 2],
      ],
    );
  });

  it('commits the kept hunks through the real workspace and tells the model which were undone', async () => {
    const { root, workspace } = await staged();
    await call(workspace, 'edit_file', { path: 'src/math.js', old_string: 'return a + b;', new_string: 'return a + b + 0;' });
    await call(workspace, 'edit_file', { path: 'src/math.js', old_string: 'export const one = 1;', new_string: 'export const one = 1.0;' }, 'call-2');
    const { outcome, report } = await workspace.commit('src/math.js', new Set([1]));
    assert.equal(outcome.status, 'accepted');
    assert.equal(await readFile(join(root, 'src/math.js'), 'utf8'), CODE.replace('return a + b;', 'return a + b + 0;'));
    assert.match(report, /kept 1 \(1\), undid 1 \(2\)/);
    assert.match(report, /stays:\n {6}export const one = 1;/);
    assert.deepEqual(workspace.staged(), []);
    // What the agent reads is the disk again.
    assert.doesNotMatch((await call(workspace, 'read_file', { path: 'src/math.js' })).content, /1\.0/);
  });

  it('creates a staged new file on commit, and discarding leaves the disk as it was', async () => {
    const { root, workspace } = await staged();
    await call(workspace, 'write_file', { path: 'src/lib/new.js', content: 'export const two = 2;\n' });
    await call(workspace, 'edit_file', { path: 'src/math.js', old_string: 'return a + b;', new_string: 'return b + a;' }, 'call-2');
    const { outcome } = await workspace.commit('src/lib/new.js');
    assert.equal(outcome.status, 'accepted');
    assert.equal(await readFile(join(root, 'src/lib/new.js'), 'utf8'), 'export const two = 2;\n');
    const report = workspace.discard('src/math.js');
    assert.match(report, /kept none, undid 1 \(1\)/);
    assert.equal(await readFile(join(root, 'src/math.js'), 'utf8'), CODE);
  });

  it('reports a conflict and keeps the change staged when the file changed on disk since', async () => {
    const { root, workspace } = await staged();
    await call(workspace, 'edit_file', { path: 'src/math.js', old_string: 'return a + b;', new_string: 'return a + b + 0;' });
    await writeFile(join(root, 'src/math.js'), `// the person's own change\n${CODE}`);
    const { outcome, report } = await workspace.commit('src/math.js');
    assert.equal(outcome.status, 'conflict');
    assert.match(report, /stay staged/);
    assert.equal(workspace.staged().length, 1);
    assert.match(await readFile(join(root, 'src/math.js'), 'utf8'), /the person's own change/);
  });

  it('unstages a file whose staged changes took it back to what it was, and restores what was saved', async () => {
    const { workspace } = await staged();
    await call(workspace, 'edit_file', { path: 'src/math.js', old_string: 'return a + b;', new_string: 'return a - b;' });
    await call(workspace, 'edit_file', { path: 'src/math.js', old_string: 'return a - b;', new_string: 'return a + b;' }, 'call-2');
    assert.deepEqual(workspace.staged(), []);

    await call(workspace, 'write_file', { path: 'notes.md', content: '# saved\n' }, 'call-3');
    const saved = JSON.parse(JSON.stringify(workspace.staged()));
    const { root } = await staged();
    const reloaded = new StagedWorkspace(new NodeWorkspace(root, { approve: 'edits', ripgrep: false }), saved);
    assert.match((await call(reloaded, 'read_file', { path: 'notes.md' })).content, /# saved/);
  });
});
