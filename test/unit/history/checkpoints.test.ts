// Checkpoints: planning undo and revert (pure), and restoring real files after a real run of the
// loop in which the file tools edited and created them through the recording workspace.
import { strict as assert } from 'node:assert';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { changedFiles, checkpointsBefore, contentHash, planRevert, planUndo, type FileCheckpoint } from '../../../src/agent/history/checkpoints';
import { newRecord } from '../../../src/agent/history/conversationRecord';
import { applyRestore, nodeFileWriter } from '../../../src/agent/history/restoreFiles';
import { runAgent } from '../../../src/agent/loop';
import { recordingWorkspace } from '../../../src/agent/recordingWorkspace';
import { createTools } from '../../../src/agent/tools/index';
import { NodeWorkspace } from '../../../src/agent/workspace/nodeWorkspace';
import { reply, textReply, toolCall } from '../../fixtures/mockOpenAI';
import { approveAll, useHarness } from '../agent/loopHelpers';
import { z } from 'zod';
import { defineTool, type Tool } from '../../../src/agent/tools/tool';
import { decodeText, withBom } from '../../../src/agent/workspace/text';

const entry = (path: string, messageIndex: number, before: string | null, written = `h${messageIndex}`): FileCheckpoint => ({ path, messageIndex, toolCallId: `c${messageIndex}`, before, written });

describe('checkpoint plans', () => {
  const log = [entry('a.ts', 2, 'a0'), entry('b.ts', 4, null), entry('a.ts', 8, 'a1'), entry('c.ts', 8, 'c0'), entry('a.ts', 10, 'a2')];

  it('undoes since a message: each file changed from there on, back to just before its first change', () => {
    assert.deepEqual(planUndo(log, 6), [
      { path: 'a.ts', content: 'a1', lastWritten: 'h10' },
      { path: 'c.ts', content: 'c0', lastWritten: 'h8' },
    ]);
    assert.deepEqual(planUndo(log, 11), []);
  });

  it('deletes a file the agent created', () => {
    assert.deepEqual(planUndo(log, 3), [
      { path: 'b.ts', content: null, lastWritten: 'h4' },
      { path: 'a.ts', content: 'a1', lastWritten: 'h10' },
      { path: 'c.ts', content: 'c0', lastWritten: 'h8' },
    ]);
  });

  it('lists every file changed in the conversation with its content before the conversation', () => {
    assert.deepEqual(changedFiles(log).map((step) => [step.path, step.content]), [['a.ts', 'a0'], ['b.ts', null], ['c.ts', 'c0']]);
    assert.deepEqual(planRevert(log, 'a.ts'), { path: 'a.ts', content: 'a0', lastWritten: 'h10' });
    assert.equal(planRevert(log, 'other.ts'), undefined);
  });

  it('keeps only the checkpoints before the undone message', () => {
    assert.deepEqual(checkpointsBefore(log, 8).map((item) => item.messageIndex), [2, 4]);
  });
});

/** Replaces a file through review, whatever it holds, naming what it read so no conflict is seen. */
const overwrite = defineTool({
  name: 'overwrite',
  description: 'Replace a file.',
  schema: z.object({ path: z.string(), content: z.string() }),
  kind: 'edit',
  run: async ({ path, content }, ctx) => {
    const decoded = decodeText(await ctx.workspace.readFile(path));
    const original = decoded.kind === 'text' ? withBom(decoded.text, decoded.bom) : undefined;
    const outcome = await ctx.workspace.propose({ path, content, original, summary: 'overwrite', toolCallId: ctx.toolCallId }, ctx.signal);
    return outcome.status === 'accepted' ? { content: 'written' } : { content: outcome.status === 'rejected' ? (outcome.reason ?? '') : outcome.message, isError: true };
  },
});

describe('restoring files the agent changed', function () {
  this.timeout(20_000);
  const harness = useHarness();
  const original = '\uFEFFconst a = 1;\r\nexport default a;\r\n';

  it('restores exactly the files changed since a message, byte for byte, and nothing else', async () => {
    const h = await harness([
      reply(toolCall('edit_file', { path: 'a.ts', old_string: 'const a = 1;', new_string: 'const a = 2;' })),
      reply(toolCall('write_file', { path: 'b.ts', content: 'export const b = 1;\n' })),
      textReply('Turn one done.'),
      reply(toolCall('edit_file', { path: 'a.ts', old_string: 'const a = 2;', new_string: 'const a = 3;' })),
      reply(toolCall('write_file', { path: 'lib/c.ts', content: 'export const c = 1;\n' })),
      textReply('Turn two done.'),
    ]);
    await writeFile(join(h.folder, 'a.ts'), original);
    await writeFile(join(h.folder, 'd.ts'), 'untouched\n');
    const untouched = await stat(join(h.folder, 'd.ts'));
    const workspace = new NodeWorkspace(h.folder, { approve: 'edits', ripgrep: false });
    const conversation = newRecord('c', [{ role: 'system', content: 'test' }]);
    const recording = recordingWorkspace(workspace, { checkpoints: conversation.checkpoints, messages: () => conversation.messages });
    const turn = async (prompt: string) => {
      conversation.messages.push({ role: 'user', content: prompt });
      for await (const event of runAgent(conversation, { model: h.model, tools: createTools(), workspace: recording, approver: approveAll })) {
        if (event.type === 'tool_result') assert.ok(!event.isError, event.content);
      }
    };
    await turn('one');
    const secondTurn = conversation.messages.length;
    await turn('two');
    const afterTwo = await readFile(join(h.folder, 'a.ts'), 'utf8');
    assert.equal(afterTwo, '\uFEFFconst a = 3;\r\nexport default a;\r\n');
    assert.equal(conversation.checkpoints.length, 4);
    assert.equal(conversation.checkpoints[3].written, contentHash('export const c = 1;\n'));

    const plan = planUndo(conversation.checkpoints, secondTurn);
    assert.deepEqual(plan.map((step) => step.path), ['a.ts', 'lib/c.ts']);
    assert.equal(plan[0].lastWritten, contentHash(afterTwo));
    const outcomes = await applyRestore(plan, nodeFileWriter(workspace));
    assert.deepEqual(outcomes, [{ path: 'a.ts', action: 'restored' }, { path: 'lib/c.ts', action: 'deleted' }]);
    assert.deepEqual(await readFile(join(h.folder, 'a.ts')), Buffer.from('\uFEFFconst a = 2;\r\nexport default a;\r\n'));
    await assert.rejects(stat(join(h.folder, 'lib/c.ts')), /ENOENT/);
    assert.equal(await readFile(join(h.folder, 'b.ts'), 'utf8'), 'export const b = 1;\n');

    await applyRestore(planUndo(checkpointsBefore(conversation.checkpoints, secondTurn), 0), nodeFileWriter(workspace));
    assert.deepEqual(await readFile(join(h.folder, 'a.ts')), Buffer.from(original));
    await assert.rejects(stat(join(h.folder, 'b.ts')), /ENOENT/);
    assert.equal((await stat(join(h.folder, 'd.ts'))).mtimeMs, untouched.mtimeMs);
  });

  it('records nothing for a write that was not accepted, and restores a file that is not UTF-8 byte for byte', async () => {
    const h = await harness([
      reply(toolCall('overwrite', { path: 'mixed.txt', content: 'replaced' })),
      reply(toolCall('overwrite', { path: 'kept.ts', content: 'refused' })),
      textReply('ok'),
    ]);
    // Valid UTF-8 where a file is sniffed, Latin-1 after: text to the tools, but only bytes restore it.
    const mixed = Buffer.concat([Buffer.from('a'.repeat(9000)), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a])]);
    await writeFile(join(h.folder, 'mixed.txt'), mixed);
    await writeFile(join(h.folder, 'kept.ts'), 'kept\n');
    const workspace = new NodeWorkspace(h.folder, { approve: 'none', confirm: async (proposal) => proposal.path === 'mixed.txt', ripgrep: false });
    const conversation = newRecord('c', [{ role: 'system', content: 'test' }, { role: 'user', content: 'go' }]);
    let saves = 0;
    const recording = recordingWorkspace(workspace, { checkpoints: conversation.checkpoints, messages: () => conversation.messages, save: async () => void saves++ });
    const results: string[] = [];
    for await (const event of runAgent(conversation, { model: h.model, tools: [overwrite] as Tool[], workspace: recording, approver: approveAll })) {
      if (event.type === 'tool_result') results.push(event.content);
    }
    assert.deepEqual(results, ['written', 'Error: The user declined the change.']);
    assert.deepEqual(conversation.checkpoints.map((item) => [item.path, item.encoding]), [['mixed.txt', 'base64']]);
    assert.equal(saves, 2, 'saved before each proposal went to review');
    await applyRestore(planUndo(conversation.checkpoints, 0), nodeFileWriter(workspace));
    assert.deepEqual(await readFile(join(h.folder, 'mixed.txt')), mixed);
    assert.equal(await readFile(join(h.folder, 'kept.ts'), 'utf8'), 'kept\n');
  });
});
