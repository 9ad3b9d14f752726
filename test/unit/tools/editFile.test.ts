import { strict as assert } from 'node:assert';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { applyEdit } from '../../../src/agent/edits/index';
import { NodeWorkspace } from '../../../src/agent/workspace/nodeWorkspace';
import { editFileTool } from '../../../src/agent/tools/editFile';
import { useTempTrees } from '../workspace/tempTree';
import { ScriptedWorkspace, runTool } from './fileToolHarness';

describe('edit_file', () => {
  const temp = useTempTrees();
  const edit = async (content: string | Uint8Array, args: Record<string, unknown>) => {
    const root = await temp.tree({ 'f.ts': content });
    const result = await runTool(editFileTool, { path: 'f.ts', ...args }, new ScriptedWorkspace(root));
    return { result, bytes: await readFile(join(root, 'f.ts')) };
  };

  it('replaces old_string and shows the changed lines, numbered, with context', async () => {
    const { result, bytes } = await edit('a\nb\nc\nd\ne\nf\n', { old_string: 'c', new_string: 'C1\nC2' });
    assert.equal(bytes.toString(), 'a\nb\nC1\nC2\nd\ne\nf\n');
    assert.equal(result.content, 'Edited f.ts (1 replacement). The changed part now reads:\n   1\ta\n   2\tb\n   3\tC1\n   4\tC2\n   5\td\n   6\te');
  });

  it('keeps CRLF line endings', async () => {
    const { bytes } = await edit('one\r\ntwo\r\nthree\r\n', { old_string: 'two', new_string: 'two\nand a half' });
    assert.equal(bytes.toString(), 'one\r\ntwo\r\nand a half\r\nthree\r\n');
  });

  it('keeps the byte-order mark', async () => {
    const { bytes } = await edit(new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('let a = 1;\n')]), { old_string: 'a = 1', new_string: 'a = 2' });
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(bytes.subarray(3).toString(), 'let a = 2;\n');
  });

  it('keeps a missing final newline missing', async () => {
    const { bytes } = await edit('first\nlast', { old_string: 'last', new_string: 'final' });
    assert.equal(bytes.toString(), 'first\nfinal');
  });

  it('passes an old_string with the wrong indentation to the engine and reports what it decided', async () => {
    const original = 'class A {\n    run() {\n        go();\n    }\n}\n';
    const args = { old_string: 'run() {\n    go();\n}', new_string: 'run() {\n    go();\n    stop();\n}' };
    const expected = applyEdit(original, { oldString: args.old_string, newString: args.new_string });
    const { result, bytes } = await edit(original, args);
    if (expected.ok) {
      assert.equal(bytes.toString(), expected.content);
      assert.match(result.content, /^Edited f\.ts \(1 replacement/);
      assert.ok(!result.isError);
    } else {
      assert.deepEqual(result, { content: expected.error, isError: true });
      assert.equal(bytes.toString(), original);
    }
  });

  it('refuses an ambiguous edit with the engine\'s message and changes nothing', async () => {
    const original = 'x = 1;\ny = 2;\nx = 1;\n';
    const expected = applyEdit(original, { oldString: 'x = 1;', newString: 'x = 3;' });
    assert.equal(expected.ok, false);
    const { result, bytes } = await edit(original, { old_string: 'x = 1;', new_string: 'x = 3;' });
    assert.deepEqual(result, { content: expected.ok ? '' : expected.error, isError: true });
    assert.equal(bytes.toString(), original);
  });

  it('replaces every occurrence with replace_all and says how many', async () => {
    const { result, bytes } = await edit('x = 1;\ny = 2;\nx = 1;\n', { old_string: 'x = 1;', new_string: 'x = 3;', replace_all: true });
    assert.equal(bytes.toString(), 'x = 3;\ny = 2;\nx = 3;\n');
    assert.match(result.content, /^Edited f\.ts \(2 replacements\)/);
  });

  it('relays the engine\'s error verbatim when old_string is not in the file', async () => {
    const original = 'alpha\nbeta\n';
    const expected = applyEdit(original, { oldString: 'gamma', newString: 'delta' });
    const { result } = await edit(original, { old_string: 'gamma', new_string: 'delta' });
    assert.deepEqual(result, { content: expected.ok ? '' : expected.error, isError: true });
  });

  it('points to write_file for a missing file and refuses binary files', async () => {
    const root = await temp.tree({ 'bin.dat': new Uint8Array([0x61, 0, 0x62]) });
    const workspace = new ScriptedWorkspace(root);
    const missing = await runTool(editFileTool, { path: 'nope.ts', old_string: 'a', new_string: 'b' }, workspace);
    assert.deepEqual(missing, { content: 'File not found: nope.ts. To create a file, use write_file.', isError: true });
    const binary = await runTool(editFileTool, { path: 'bin.dat', old_string: 'a', new_string: 'b' }, workspace);
    assert.match(binary.content, /binary file/);
    assert.equal(workspace.proposals.length, 0);
  });

  it('refuses a file that is not valid UTF-8 throughout, rather than corrupt it', async () => {
    const content = new Uint8Array(9000).fill(0x61);
    content[8500] = 0xff;
    const { result, bytes } = await edit(content, { old_string: 'aaa', new_string: 'b' });
    assert.match(result.content, /not valid UTF-8/);
    assert.deepEqual(bytes, Buffer.from(content));
  });

  it('reports a rejection and leaves the file alone', async () => {
    const root = await temp.tree({ 'f.ts': 'a\n' });
    const result = await runTool(editFileTool, { path: 'f.ts', old_string: 'a', new_string: 'b' }, new NodeWorkspace(root));
    assert.equal(result.isError, true);
    assert.match(result.content, /^The change to f\.ts was rejected/);
    assert.equal(await readFile(join(root, 'f.ts'), 'utf8'), 'a\n');
  });

  it("ends the user's reason for a rejection with a full stop before saying nothing was written", async () => {
    const root = await temp.tree({ 'f.ts': 'a\n' });
    for (const [reason, said] of [['use + instead', 'use + instead.'], ['Not now!', 'Not now!']]) {
      const workspace = new ScriptedWorkspace(root, async () => ({ status: 'rejected', reason }));
      const result = await runTool(editFileTool, { path: 'f.ts', old_string: 'a', new_string: 'b' }, workspace);
      assert.equal(result.content, `The change to f.ts was rejected: ${said} Nothing was written.`);
    }
  });

  it('tells the model, after a review hunk by hunk, which changes were kept and which undone, and the file around them', async () => {
    const root = await temp.tree({ 'f.ts': 'one\ntwo\nthree\nfour\n' });
    const workspace = new ScriptedWorkspace(root, async (proposal) => {
      const kept = proposal.content.replace('FOUR', 'four');
      await writeFile(join(root, 'f.ts'), kept);
      return { status: 'accepted', content: kept, userModified: true, undone: [1] };
    });
    const result = await runTool(editFileTool, { path: 'f.ts', old_string: 'one\ntwo\nthree\nfour', new_string: 'ONE\ntwo\nthree\nFOUR' }, workspace);
    assert.equal(
      result.content,
      [
        'The user reviewed your 2 changes to f.ts one by one: kept 1 (1), undid 1 (2).',
        'Undone (the file keeps what it had; do not make these changes again unless the user asks):',
        '- change 2, at line 4:',
        '    stays:',
        '      four',
        '    instead of your:',
        '      FOUR',
        'f.ts now reads, around each change:',
        '   1\tONE',
        '   2\ttwo',
        '   3\tthree',
        '   4\tfour',
      ].join('\n'),
    );
  });

  it('asks the model to re-read the file on a conflict', async () => {
    const root = await temp.tree({ 'f.ts': 'a\n' });
    const workspace = new ScriptedWorkspace(root, async (proposal, self) => {
      await self.changeOnDisk('f.ts', 'a\nadded elsewhere\n');
      return proposal;
    });
    const result = await runTool(editFileTool, { path: 'f.ts', old_string: 'a', new_string: 'b' }, workspace);
    assert.equal(result.isError, true);
    assert.match(result.content, /read f\.ts again and redo the change/);
    assert.equal(await readFile(join(root, 'f.ts'), 'utf8'), 'a\nadded elsewhere\n');
  });

  it('shows the user\'s change to the proposal as a diff, and the lines as written', async () => {
    const root = await temp.tree({ 'f.ts': 'const a = 1;\n' });
    const workspace = new ScriptedWorkspace(root, async (proposal) => ({ ...proposal, content: 'const a = 42;\n' }));
    const result = await runTool(editFileTool, { path: 'f.ts', old_string: 'a = 1', new_string: 'a = 2' }, workspace);
    assert.equal(
      result.content,
      [
        'Edited f.ts (1 replacement). The changed part now reads:',
        '   1\tconst a = 42;',
        'The user edited your proposal before accepting it; build on their version, do not undo it. Their changes to your proposal:',
        '--- f.ts\tproposed',
        '+++ f.ts\taccepted',
        '@@ -1,1 +1,1 @@',
        '-const a = 2;',
        '+const a = 42;',
      ].join('\n'),
    );
  });
});
