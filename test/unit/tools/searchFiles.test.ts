import { strict as assert } from 'node:assert';
import { NodeWorkspace } from '../../../src/agent/workspace/nodeWorkspace';
import { MAX_SEARCH_MATCHES, renderMatches, searchFilesTool } from '../../../src/agent/tools/searchFiles';
import { useTempTrees } from '../workspace/tempTree';
import { runTool } from './fileToolHarness';

const body = (count: number, hits: number[]) => Array.from({ length: count }, (_, i) => (hits.includes(i + 1) ? `hit ${i + 1}` : `line ${i + 1}`)).join('\n') + '\n';

describe('search_files', () => {
  const temp = useTempTrees();

  it('shows path:line: text with a line of context, and -- between separate groups', async () => {
    const root = await temp.tree({ 'a.txt': body(12, [2, 10]), 'b.txt': body(3, [1]) });
    const result = await runTool(searchFilesTool, { pattern: 'hit' }, new NodeWorkspace(root));
    assert.deepEqual(result.content.split('\n'), [
      'a.txt-1- line 1',
      'a.txt:2: hit 2',
      'a.txt-3- line 3',
      '--',
      'a.txt-9- line 9',
      'a.txt:10: hit 10',
      'a.txt-11- line 11',
      '--',
      'b.txt:1: hit 1',
      'b.txt-2- line 2',
    ]);
  });

  it('prints a context line shared by two nearby matches once', async () => {
    const root = await temp.tree({ 'a.txt': body(5, [2, 4]) });
    const result = await runTool(searchFilesTool, { pattern: 'hit' }, new NodeWorkspace(root));
    assert.equal(result.content, 'a.txt-1- line 1\na.txt:2: hit 2\na.txt-3- line 3\na.txt:4: hit 4\na.txt-5- line 5');
  });

  it('caps the matches and says how many there were', async () => {
    const root = await temp.tree({ 'many.txt': 'hit\n'.repeat(MAX_SEARCH_MATCHES + 50) });
    const result = await runTool(searchFilesTool, { pattern: 'hit' }, new NodeWorkspace(root));
    const lines = result.content.split('\n');
    assert.equal(lines.filter((line) => /^many\.txt:\d+: hit$/.test(line)).length, MAX_SEARCH_MATCHES);
    assert.equal(lines[lines.length - 1], `[${MAX_SEARCH_MATCHES} of ${MAX_SEARCH_MATCHES + 50} matching lines shown. Narrow the pattern, path or glob to see the others.]`);
  });

  it('filters by path, glob and case', async () => {
    const root = await temp.tree({ 'src/a.ts': 'Needle\n', 'src/b.md': 'needle\n', 'test/c.ts': 'needle\n' });
    const workspace = new NodeWorkspace(root);
    assert.equal((await runTool(searchFilesTool, { pattern: 'needle', path: 'src', glob: '*.ts' }, workspace)).content, 'src/a.ts:1: Needle');
    assert.equal((await runTool(searchFilesTool, { pattern: 'needle', path: 'src', case_sensitive: true }, workspace)).content, 'src/b.md:1: needle');
  });

  it('says when nothing matched, and that ignored files were not searched', async () => {
    const root = await temp.tree({ 'a.txt': 'nothing here\n' });
    const result = await runTool(searchFilesTool, { pattern: 'absent', glob: '*.txt' }, new NodeWorkspace(root));
    assert.deepEqual(result, { content: 'No matches for absent (glob *.txt). Files hidden by .gitignore or .ouroignore are not searched.' });
  });

  it('answers an invalid regular expression with an error the model can fix', async () => {
    const root = await temp.tree({ 'a.txt': 'x\n' });
    for (const ripgrep of [undefined, false] as const) {
      const result = await runTool(searchFilesTool, { pattern: 'call(' }, new NodeWorkspace(root, { ripgrep }));
      assert.equal(result.isError, true);
      assert.match(result.content, /^Invalid regular expression/);
    }
  });

  it('renders matches of several files in order, marking matches and context', () => {
    const lines = renderMatches([
      { path: 'a.ts', line: 3, text: 'x', before: [[2, 'w']], after: [[4, 'y']] },
      { path: 'a.ts', line: 5, text: 'z', before: [[4, 'y']] },
      { path: 'b.ts', line: 1, text: 'q' },
    ]);
    assert.deepEqual(lines, ['a.ts-2- w', 'a.ts:3: x', 'a.ts-4- y', 'a.ts:5: z', '--', 'b.ts:1: q']);
  });
});
