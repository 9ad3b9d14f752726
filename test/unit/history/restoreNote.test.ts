// After an undo or a revert the model is told which files went back to which state: a real run
// of the loop edits real files, an undo restores some, and the next request carries the note.
import { strict as assert } from 'node:assert';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { planRevert, planUndo } from '../../../src/agent/history/checkpoints';
import { parseConversation, serializeConversation } from '../../../src/agent/history/conversationFile';
import { newRecord } from '../../../src/agent/history/conversationRecord';
import { applyRestore, nodeFileWriter } from '../../../src/agent/history/restoreFiles';
import { restoreNote } from '../../../src/agent/history/restoreNote';
import { runAgent } from '../../../src/agent/loop';
import { recordingWorkspace } from '../../../src/agent/recordingWorkspace';
import { createTools } from '../../../src/agent/tools/index';
import { reply, textReply, toolCall } from '../../fixtures/mockOpenAI';
import { approveAll, useHarness } from '../agent/loopHelpers';

describe('telling the model about restored files', function () {
  this.timeout(20_000);
  const harness = useHarness();

  it('after an undo, the next request names each restored file and the state it went back to', async () => {
    const h = await harness([
      reply(toolCall('edit_file', { path: 'a.ts', old_string: 'a = 1', new_string: 'a = 2' })),
      textReply('One done.'),
      reply(toolCall('edit_file', { path: 'a.ts', old_string: 'a = 2', new_string: 'a = 3' })),
      reply(toolCall('write_file', { path: 'c.ts', content: 'export const c = 1;\n' })),
      textReply('Two done.'),
      textReply('Understood.'),
    ]);
    await writeFile(join(h.folder, 'a.ts'), 'export const a = 1;\n');
    let conversation = newRecord('c', [{ role: 'system', content: 'test' }]);
    const recording = recordingWorkspace(h.workspace, { checkpoints: conversation.checkpoints, messages: () => conversation.messages });
    const turn = async (prompt: string) => {
      conversation.messages.push({ role: 'user', content: prompt });
      for await (const event of runAgent(conversation, { model: h.model, tools: createTools(), workspace: recording, approver: approveAll })) {
        if (event.type === 'tool_result') assert.ok(!event.isError, event.content);
      }
    };
    await turn('set a to 2');
    const second = conversation.messages.length;
    await turn('now set a to 3 and add c.ts\nwith an export');

    const outcomes = await applyRestore(planUndo(conversation.checkpoints, second), nodeFileWriter(h.workspace));
    const note = restoreNote(outcomes, conversation.messages, second);
    assert.ok(note);
    conversation.messages.push(note);
    // Saved with the conversation, and back as it was.
    conversation = parseConversation(serializeConversation(conversation));
    assert.deepEqual(conversation.messages.at(-1), note);

    await turn('what is a now?');
    const sent = h.server.requests.at(-1)?.messages.at(-1);
    assert.equal(sent?.role, 'user');
    assert.equal(
      sent?.content,
      [
        '[Note from Ouro] The user restored files, so your edits to them are gone:',
        `- a.ts: back to what it held before your edits since the user's message "now set a to 3 and add c.ts"`,
        '- c.ts: deleted (it did not exist before you created it)',
        'Read a file again before you change it.',
        '',
        'what is a now?',
      ].join('\n'),
    );
  });

  it('after a revert, says the file is back to before the conversation; a file that failed is not named', async () => {
    const h = await harness([]);
    await writeFile(join(h.folder, 'a.ts'), 'now\n');
    const checkpoints = [{ path: 'a.ts', messageIndex: 2, toolCallId: 'x', before: 'before\n' }];
    const outcomes = await applyRestore([planRevert(checkpoints, 'a.ts')!], nodeFileWriter(h.workspace));
    assert.equal(
      restoreNote(outcomes, [])?.content,
      '[Note from Ouro] The user restored files, so your edits to them are gone:\n- a.ts: back to what it held before this conversation\nRead a file again before you change it.',
    );
    assert.equal(restoreNote([{ path: 'a.ts', action: 'restored', error: 'EACCES' }], []), undefined);
  });
});
