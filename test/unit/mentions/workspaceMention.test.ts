import { strict as assert } from 'node:assert';
import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { parseMention, resolveMention } from '../../../src/agent/mentions/workspaceMention';
import { NodeWorkspace } from '../../../src/agent/workspace/nodeWorkspace';
import { MAX_PAGE_LINES } from '../../../src/agent/tools/readFile';
import { useTempTrees } from '../workspace/tempTree';

const lines = (count: number) => Array.from({ length: count }, (_, i) => `line ${i + 1}`).join('\n') + '\n';

describe('@-mentions of workspace paths', () => {
  const temp = useTempTrees();
  const mention = async (root: string, text: string) => resolveMention(new NodeWorkspace(root), parseMention(text));
  const refusal = async (root: string, text: string) =>
    mention(root, text).then(
      () => assert.fail(`"${text}" was not refused`),
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );

  describe('parseMention', () => {
    it('reads a path, a line and a range', () => {
      assert.deepEqual(parseMention('src/a.ts'), { path: 'src/a.ts' });
      assert.deepEqual(parseMention('@src/a.ts:12'), { path: 'src/a.ts', startLine: 12, endLine: 12 });
      assert.deepEqual(parseMention('src/a.ts:12-40'), { path: 'src/a.ts', startLine: 12, endLine: 40 });
    });

    it('keeps a colon that is not a line number in the name', () => {
      assert.deepEqual(parseMention('notes:draft.md'), { path: 'notes:draft.md' });
    });

    it('refuses a range that ends before it starts, or line 0', () => {
      assert.throws(() => parseMention('a.ts:40-12'), /ends before it starts/);
      assert.throws(() => parseMention('a.ts:0-3'), /start at 1/);
    });
  });

  it('gives a file its lines numbered as read_file shows them', async () => {
    const root = await temp.tree({ 'src/a.ts': 'const a = 1;\nexport { a };\n' });
    assert.deepEqual(await mention(root, 'src/a.ts'), { kind: 'file', path: 'src/a.ts', content: '   1\tconst a = 1;\n   2\texport { a };' });
  });

  it('gives a range only its lines, with their own numbers', async () => {
    const root = await temp.tree({ 'a.txt': lines(50) });
    const result = await mention(root, 'a.txt:12-14');
    assert.deepEqual(result, { kind: 'file', path: 'a.txt', startLine: 12, endLine: 14, content: '  12\tline 12\n  13\tline 13\n  14\tline 14' });
  });

  it('stops a range at the end of the file, and refuses one that starts past it', async () => {
    const root = await temp.tree({ 'a.txt': lines(5) });
    const result = await mention(root, 'a.txt:4-40');
    assert.equal(result.content, '   4\tline 4\n   5\tline 5');
    assert.equal(result.endLine, 5);
    assert.match(await refusal(root, 'a.txt:9-12'), /has 5 lines: there is no line 9/);
  });

  it("cuts a long file at read_file's page and says where to read on", async () => {
    const root = await temp.tree({ 'long.txt': lines(MAX_PAGE_LINES + 500) });
    const result = await mention(root, 'long.txt');
    assert.equal(result.startLine, 1);
    assert.equal(result.endLine, MAX_PAGE_LINES);
    const shown = result.content.split('\n');
    assert.equal(shown.length, MAX_PAGE_LINES + 1);
    assert.match(shown[shown.length - 1], new RegExp(`^\\[Lines 1-${MAX_PAGE_LINES} of ${MAX_PAGE_LINES + 500}, .*start_line=${MAX_PAGE_LINES + 1}\\.\\]$`));
  });

  it('says a file is empty', async () => {
    const root = await temp.tree({ 'e.txt': '' });
    assert.equal((await mention(root, 'e.txt')).content, '(e.txt is empty)');
  });

  it('gives a folder its listing, ignored files left out', async () => {
    const root = await temp.tree({ '.gitignore': 'build/\n', 'src/a.ts': 'a', 'src/b/c.ts': 'c', 'src/build/out.js': 'x' });
    assert.deepEqual(await mention(root, 'src'), { kind: 'folder', path: 'src', content: 'src/a.ts\nsrc/b/' });
  });

  it('refuses lines of a folder', async () => {
    const root = await temp.tree({ 'src/a.ts': 'a' });
    assert.match(await refusal(root, 'src:1-3'), /src is a folder/);
  });

  it('refuses a binary file', async () => {
    const root = await temp.tree({ 'img.bin': new Uint8Array([0, 1, 2, 0, 255]) });
    assert.match(await refusal(root, 'img.bin'), /binary file/);
  });

  it('refuses files excluded by .gitignore and .ouroignore', async () => {
    const root = await temp.tree({ '.gitignore': 'dist/\n', '.ouroignore': 'private.md\n', 'dist/app.js': 'x', 'private.md': 'p' });
    assert.match(await refusal(root, 'dist/app.js'), /excluded by \.gitignore/);
    assert.match(await refusal(root, 'private.md'), /excluded by \.ouroignore/);
  });

  it('refuses a path outside the workspace, by ".." or absolute', async () => {
    const outside = await temp.tree({ 'secret.txt': 'top secret' });
    const root = await temp.tree({ 'a.ts': 'a' });
    assert.match(await refusal(root, '../secret.txt'), /outside the workspace/);
    assert.match(await refusal(root, join(outside, 'secret.txt')), /outside the workspace/);
  });

  it('refuses a symlink whose target is outside the workspace, judged by where it leads', async () => {
    const outside = await temp.tree({ 'secret.txt': 'top secret', 'inner/data.txt': 'private' });
    const root = await temp.tree({ 'a.ts': 'a' });
    await symlink(join(outside, 'secret.txt'), join(root, 'link.txt'));
    await symlink(join(outside, 'inner'), join(root, 'escape'));
    assert.match(await refusal(root, 'link.txt'), /outside the workspace/);
    assert.match(await refusal(root, 'escape'), /outside the workspace/);
    assert.match(await refusal(root, 'escape/data.txt:1'), /outside the workspace/);
  });

  it('refuses a file that may hold secrets', async () => {
    const root = await temp.tree({ '.env': 'TOKEN=1\n' });
    assert.match(await refusal(root, '.env'), /secrets/);
  });

  it('names the files that look like a missing one', async () => {
    const root = await temp.tree({ 'src/index.ts': 'x' });
    assert.match(await refusal(root, 'src/indx.ts'), /File not found: src\/indx\.ts\. Did you mean src\/index\.ts\?/);
  });
});
