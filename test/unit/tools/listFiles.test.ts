import { strict as assert } from 'node:assert';
import { NodeWorkspace } from '../../../src/agent/workspace/nodeWorkspace';
import { MAX_LIST_ENTRIES, listFilesTool } from '../../../src/agent/tools/listFiles';
import { useTempTrees } from '../workspace/tempTree';
import { runTool } from './fileToolHarness';

describe('list_files', () => {
  const temp = useTempTrees();

  it('lists the workspace folder by default, folders with a trailing slash', async () => {
    const root = await temp.tree({ 'README.md': '', 'src/index.ts': '', 'src/lib/util.ts': '' });
    const result = await runTool(listFilesTool, {}, new NodeWorkspace(root));
    assert.deepEqual(result, { content: 'README.md\nsrc/' });
  });

  it('lists everything below a folder when recursive', async () => {
    const root = await temp.tree({ 'README.md': '', 'src/index.ts': '', 'src/lib/util.ts': '' });
    const result = await runTool(listFilesTool, { path: 'src', recursive: true }, new NodeWorkspace(root));
    assert.equal(result.content, 'src/index.ts\nsrc/lib/\nsrc/lib/util.ts');
  });

  it('caps a long listing and says how many more there are', async () => {
    const spec: Record<string, string> = {};
    for (let i = 0; i < MAX_LIST_ENTRIES + 100; i++) spec[`many/f${String(i).padStart(4, '0')}.txt`] = '';
    const root = await temp.tree(spec);
    const result = await runTool(listFilesTool, { path: 'many' }, new NodeWorkspace(root));
    const lines = result.content.split('\n');
    assert.equal(lines.length, MAX_LIST_ENTRIES + 1);
    assert.equal(lines[MAX_LIST_ENTRIES], '[100 more not shown. List a subfolder, or find files with search_files and a glob.]');
  });

  it('says when a folder has nothing to show', async () => {
    const root = await temp.tree({ 'empty/': '', '.gitignore': 'hidden/\n', 'hidden/x': '' });
    assert.deepEqual(await runTool(listFilesTool, { path: 'empty' }, new NodeWorkspace(root)), { content: '(empty has no files that are not ignored)' });
  });

  it('answers a missing folder with an error', async () => {
    const root = await temp.tree({});
    assert.deepEqual(await runTool(listFilesTool, { path: 'nope' }, new NodeWorkspace(root)), { content: 'Folder not found: nope', isError: true });
  });
});
