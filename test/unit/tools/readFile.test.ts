import { strict as assert } from 'node:assert';
import { NodeWorkspace } from '../../../src/agent/workspace/nodeWorkspace';
import { MAX_PAGE_CHARS, readFileTool } from '../../../src/agent/tools/readFile';
import { useTempTrees } from '../workspace/tempTree';
import { runTool } from './fileToolHarness';

const numbered = (count: number, from = 1) => Array.from({ length: count }, (_, i) => `line ${from + i}`).join('\n') + '\n';

describe('read_file', () => {
  const temp = useTempTrees();
  const read = async (spec: Record<string, string | Uint8Array>, args: Record<string, unknown>, options = {}) =>
    runTool(readFileTool, args, new NodeWorkspace(await temp.tree(spec), options));

  it('shows each line with its number and a tab', async () => {
    const result = await read({ 'a.ts': 'first\n  second\n' }, { path: 'a.ts' });
    assert.deepEqual(result, { content: '   1\tfirst\n   2\t  second' });
  });

  it('shows CRLF files without the carriage returns', async () => {
    const result = await read({ 'w.txt': 'one\r\ntwo\r\n' }, { path: 'w.txt' });
    assert.equal(result.content, '   1\tone\n   2\ttwo');
  });

  it('shows the last line of a file without a final newline', async () => {
    const result = await read({ 'n.txt': 'one\ntwo' }, { path: 'n.txt' });
    assert.equal(result.content, '   1\tone\n   2\ttwo');
  });

  it('does not show a byte-order mark', async () => {
    const result = await read({ 'b.txt': '\uFEFFhello\n' }, { path: 'b.txt' });
    assert.equal(result.content, '   1\thello');
  });

  it('says a file is empty', async () => {
    assert.equal((await read({ 'e.txt': '' }, { path: 'e.txt' })).content, '(e.txt is empty)');
  });

  it('pages a long file and says how to read on', async () => {
    const root = await temp.tree({ 'long.txt': numbered(5000) });
    const workspace = new NodeWorkspace(root);
    const first = await runTool(readFileTool, { path: 'long.txt' }, workspace);
    const lines = first.content.split('\n');
    assert.equal(lines.length, 2001);
    assert.equal(lines[1999], '2000\tline 2000');
    assert.match(lines[2000], /^\[Lines 1-2000 of 5000, \d+\.\d KB\. Continue with start_line=2001\.\]$/);
    const last = await runTool(readFileTool, { path: 'long.txt', start_line: 4999 }, workspace);
    assert.match(last.content, /^4999\tline 4999\n5000\tline 5000\n\[Lines 4999-5000 of 5000, .*\.\]$/);
    assert.doesNotMatch(last.content, /Continue/);
  });

  it('shows the range asked for', async () => {
    const result = await read({ 'r.txt': numbered(50) }, { path: 'r.txt', start_line: 10, end_line: 12 });
    assert.match(result.content, /^  10\tline 10\n  11\tline 11\n  12\tline 12\n\[Lines 10-12 of 50, /);
  });

  it('refuses a range past the end or backwards, saying how long the file is', async () => {
    const past = await read({ 'r.txt': numbered(3) }, { path: 'r.txt', start_line: 9 });
    assert.deepEqual(past, { content: 'start_line 9 is past the end: r.txt has 3 lines.', isError: true });
    const backwards = await read({ 'r.txt': numbered(3) }, { path: 'r.txt', start_line: 3, end_line: 2 });
    assert.equal(backwards.isError, true);
  });

  it('refuses a binary file with a clear message', async () => {
    const result = await read({ 'logo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x1a]) }, { path: 'logo.png' });
    assert.equal(result.isError, true);
    assert.match(result.content, /^logo\.png is a binary file \(6 B\): it contains NUL bytes/);
  });

  it('reads a 10 MB file a page at a time, never the whole file into the reply', async function () {
    this.timeout(20_000);
    const line = 'x'.repeat(99);
    const root = await temp.tree({ 'big.log': `${line}\n`.repeat(100_000) });
    const workspace = new NodeWorkspace(root);
    const first = await runTool(readFileTool, { path: 'big.log' }, workspace);
    assert.ok(first.content.length <= MAX_PAGE_CHARS + 200, `reply of ${first.content.length} chars`);
    assert.match(first.content, /\[Lines 1-2000 of 100000, 9\.5 MB\. Continue with start_line=2001\.\]$/);
    const middle = await runTool(readFileTool, { path: 'big.log', start_line: 50_000, end_line: 50_001 }, workspace);
    assert.match(middle.content, /^50000\tx{99}\n50001\tx{99}\n\[Lines 50000-50001 of 100000, 9\.5 MB\. Continue with start_line=50002\.\]$/);
  });

  it('cuts a page at its size cap when lines are long, and says where to go on', async () => {
    const line = 'y'.repeat(1500);
    const result = await read({ 'wide.txt': `${line}\n`.repeat(400) }, { path: 'wide.txt' });
    const shown = result.content.split('\n').length - 1;
    assert.ok(shown < 400);
    assert.match(result.content, new RegExp(`page cut at 256\\.0 KB\\)\\. Continue with start_line=${shown + 1}\\.\\]$`));
  });

  it('cuts a single very long line (minified code)', async () => {
    const result = await read({ 'min.js': 'z'.repeat(10_000) }, { path: 'min.js' });
    assert.match(result.content, /^   1\tz{2000}… \[line cut: 8000 more characters\]$/);
  });

  it('answers a folder, a missing file, an ignored file and a .env file with errors', async () => {
    const root = await temp.tree({ 'src/a.ts': '', '.gitignore': 'out/', 'out/x.js': '', '.env': 'K=V' });
    const workspace = new NodeWorkspace(root);
    const folder = await runTool(readFileTool, { path: 'src' }, workspace);
    assert.deepEqual(folder, { content: 'src is a folder; use list_files to see what is in it.', isError: true });
    assert.deepEqual(await runTool(readFileTool, { path: 'src/b.ts' }, workspace), { content: 'File not found: src/b.ts. Did you mean src/a.ts?', isError: true });
    assert.match((await runTool(readFileTool, { path: 'out/x.js' }, workspace)).content, /excluded by \.gitignore/);
    assert.match((await runTool(readFileTool, { path: '.env' }, workspace)).content, /may hold secrets/);
    assert.match((await runTool(readFileTool, { path: '../etc/passwd' }, workspace)).content, /outside the workspace/);
  });

  it('suggests files with a similar name when the path is wrong', async () => {
    const root = await temp.tree({ 'src/UserService.ts': '', 'src/user.test.ts': '', 'src/other.ts': '' });
    const result = await runTool(readFileTool, { path: 'src/userservice.ts' }, new NodeWorkspace(root));
    assert.deepEqual(result, { content: 'File not found: src/userservice.ts. Did you mean src/UserService.ts?', isError: true });
    const noFolder = await runTool(readFileTool, { path: 'lib/x.ts' }, new NodeWorkspace(root));
    assert.deepEqual(noFolder, { content: 'File not found: lib/x.ts.', isError: true });
  });

  it('reads a .env file when secrets are allowed', async () => {
    const result = await read({ '.env': 'K=V\n' }, { path: '.env' }, { allowSecrets: true });
    assert.equal(result.content, '   1\tK=V');
  });
});
