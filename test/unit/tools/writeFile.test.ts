import { strict as assert } from 'node:assert';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NodeWorkspace } from '../../../src/agent/workspace/nodeWorkspace';
import { LARGE_WRITE_BYTES } from '../../../src/agent/workspace/workspace';
import { writeFileTool } from '../../../src/agent/tools/writeFile';
import { allPaths, useTempTrees } from '../workspace/tempTree';
import { ScriptedWorkspace, runTool } from './fileToolHarness';

describe('write_file', () => {
  const temp = useTempTrees();

  it('creates a file and its parent folders through a proposal', async () => {
    const root = await temp.tree({});
    const workspace = new ScriptedWorkspace(root);
    const result = await runTool(writeFileTool, { path: 'src/new/a.ts', content: 'one\ntwo\n' }, workspace);
    assert.deepEqual(result, { content: 'Created src/new/a.ts (2 lines).' });
    assert.equal(await readFile(join(root, 'src/new/a.ts'), 'utf8'), 'one\ntwo\n');
    assert.deepEqual(workspace.proposals, [
      { path: 'src/new/a.ts', content: 'one\ntwo\n', original: undefined, summary: 'write_file: create src/new/a.ts (2 lines)', toolCallId: 'call-1' },
    ]);
  });

  it('replaces a file, sending what it held for conflict detection', async () => {
    const root = await temp.tree({ 'a.txt': 'old\n' });
    const workspace = new ScriptedWorkspace(root);
    const result = await runTool(writeFileTool, { path: 'a.txt', content: 'new\n' }, workspace);
    assert.deepEqual(result, { content: 'Replaced a.txt (1 line).' });
    assert.equal(workspace.proposals[0].original, 'old\n');
    assert.equal(await readFile(join(root, 'a.txt'), 'utf8'), 'new\n');
  });

  it('keeps the CRLF line endings and the BOM of the file it replaces', async () => {
    const root = await temp.tree({ 'win.txt': '\uFEFFa\r\nb\r\n' });
    const result = await runTool(writeFileTool, { path: 'win.txt', content: 'x\ny\n' }, new ScriptedWorkspace(root));
    assert.equal(result.content, 'Replaced win.txt with its CRLF line endings (2 lines).');
    assert.deepEqual([...(await readFile(join(root, 'win.txt')))], [0xef, 0xbb, 0xbf, 0x78, 0x0d, 0x0a, 0x79, 0x0d, 0x0a]);
  });

  it('writes nothing when the content is already there', async () => {
    const root = await temp.tree({ 'same.txt': 'same\n' });
    const workspace = new ScriptedWorkspace(root);
    const result = await runTool(writeFileTool, { path: 'same.txt', content: 'same\n' }, workspace);
    assert.equal(result.content, 'same.txt already has exactly this content; nothing was written.');
    assert.equal(workspace.proposals.length, 0);
  });

  it('says the proposal is large when it is over the size limit', async () => {
    const root = await temp.tree({});
    const workspace = new ScriptedWorkspace(root);
    await runTool(writeFileTool, { path: 'big.txt', content: 'x'.repeat(LARGE_WRITE_BYTES + 1) }, workspace);
    assert.equal(workspace.proposals[0].summary, 'write_file: create big.txt (1 line, large: 1.0 MB)');
  });

  it('reports a rejection with its reason and writes nothing', async () => {
    const root = await temp.tree({});
    const result = await runTool(writeFileTool, { path: 'a.txt', content: 'x' }, new NodeWorkspace(root, { approve: 'none' }));
    assert.equal(result.isError, true);
    assert.match(result.content, /^The change to a\.txt was rejected: Writing files needs approval.*--approve edits.*Nothing was written\.$/);
    assert.deepEqual(await allPaths(root), []);
  });

  it('asks the model to re-read the file when it changed during review', async () => {
    const root = await temp.tree({ 'a.txt': 'before\n' });
    const workspace = new ScriptedWorkspace(root, async (proposal, self) => {
      await self.changeOnDisk('a.txt', 'someone else saved\n');
      return proposal;
    });
    const result = await runTool(writeFileTool, { path: 'a.txt', content: 'mine\n' }, workspace);
    assert.equal(result.isError, true);
    assert.match(result.content, /^a\.txt changed on disk after it was read\. Nothing was written: read a\.txt again/);
    assert.equal(await readFile(join(root, 'a.txt'), 'utf8'), 'someone else saved\n');
  });

  it('tells the model how the user changed its proposal, as a diff', async () => {
    const root = await temp.tree({});
    const workspace = new ScriptedWorkspace(root, async (proposal) => ({ ...proposal, content: proposal.content.replace('debug: true', 'debug: false') }));
    const result = await runTool(writeFileTool, { path: 'config.yml', content: 'name: app\ndebug: true\n' }, workspace);
    assert.equal(await readFile(join(root, 'config.yml'), 'utf8'), 'name: app\ndebug: false\n');
    assert.match(result.content, /^Created config\.yml \(2 lines\)\.\nThe user edited your proposal before accepting it/);
    assert.match(result.content, /\n-debug: true\n\+debug: false/);
  });

  it('refuses to replace a binary file, a folder, or a path outside the workspace', async () => {
    const root = await temp.tree({ 'img.png': new Uint8Array([0, 1, 2]), 'dir/x': '' });
    const workspace = new ScriptedWorkspace(root);
    assert.match((await runTool(writeFileTool, { path: 'img.png', content: 'text' }, workspace)).content, /binary file/);
    assert.match((await runTool(writeFileTool, { path: 'dir', content: 'text' }, workspace)).content, /is a folder/);
    assert.match((await runTool(writeFileTool, { path: '../escape.txt', content: 'text' }, workspace)).content, /outside the workspace/);
    assert.equal(workspace.proposals.length, 0);
  });
});
