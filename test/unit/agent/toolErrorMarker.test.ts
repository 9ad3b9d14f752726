// Every failed tool result reaches the model with one marker in front ("Error: "), whichever
// path it failed on: the loop's own refusals, a tool's refusal, the user's rejection, a self-made
// tool, a skill, the web. Real HTTP to the mock server, real tools on a temp folder.
import { strict as assert } from 'node:assert';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { NodeCommandRunner } from '../../../src/agent/commands/nodeCommandRunner';
import { CustomToolSource } from '../../../src/agent/customTools/customToolSource';
import { SkillLibrary } from '../../../src/agent/skills/skillLibrary';
import { workspaceSkillReaders } from '../../../src/agent/skills/skillReaders';
import { createTools } from '../../../src/agent/tools/index';
import { defineTool, type Approver, type Tool } from '../../../src/agent/tools/tool';
import { finish, reply, textReply, toolCall, type Step } from '../../fixtures/mockOpenAI';
import { countLinesTool } from '../customTools/countLinesTool';
import { addToTree } from '../workspace/tempTree';
import { echo, eventsOf, explode, newConversation, useHarness, type Harness } from './loopHelpers';

const alreadyMarked = defineTool({
  name: 'already_marked',
  description: 'Fail with a message that carries the marker itself.',
  schema: z.object({}),
  kind: 'read',
  run: async () => ({ content: 'Error: the disk is full.', isError: true }),
});

/** Says no to any command line that mentions "refuse". */
const refusing: Approver = { approve: async (request) => (/refuse/.test(request.title) ? { approved: false, reason: 'not that one' } : { approved: true }) };

interface Case {
  what: string;
  call: Step[];
  /** What the result says after the marker. */
  says: RegExp;
  finishReason?: string;
  approve?: 'none' | 'edits';
}

const cases: Case[] = [
  { what: 'an unknown tool', call: toolCall('nope', {}), says: /^There is no tool named "nope"/ },
  { what: 'arguments that are not JSON', call: toolCall('echo', '{"text": '), says: /^The arguments for echo are not a JSON object/ },
  { what: 'arguments that fail the schema', call: toolCall('echo', { text: 5 }), says: /^Invalid arguments for echo/ },
  { what: 'a tool that throws', call: toolCall('explode', {}), says: /^explode failed: boom/ },
  { what: "a tool's own refusal", call: toolCall('edit_file', { path: 'twice.txt', old_string: 'x', new_string: 'y' }), says: /matches 2 places/ },
  { what: 'a path the workspace refuses', call: toolCall('read_file', { path: 'a\u0000b' }), says: /NUL/ },
  { what: 'an edit the user rejects', call: toolCall('write_file', { path: 'new.txt', content: 'hi' }), says: /^The change to new\.txt was rejected/, approve: 'none' },
  { what: 'a command the user rejects', call: toolCall('run_command', { command: 'echo refuse' }), says: /^The user did not allow/ },
  { what: 'a call cut off by the token limit', call: toolCall('write_file', '{"path": "big.txt", "content": "abc'), says: /^Not run: your reply reached the output token limit/, finishReason: 'length' },
  { what: 'a self-made tool that fails', call: toolCall('count_lines', { path: 'missing.txt' }), says: /^Exit code 1/ },
  { what: 'a skill that does not exist', call: toolCall('use_skill', { name: 'nothing-here' }), says: /nothing-here/ },
  { what: 'a page on a private address', call: toolCall('fetch_url', { url: 'http://127.0.0.1:9/' }), says: /private|loopback/i },
];

describe('failed tool results carry one error marker', function () {
  this.timeout(20000);
  const harness = useHarness();

  async function toolsFor(h: Harness): Promise<() => Promise<{ tools: readonly Tool[] }>> {
    await writeFile(join(h.folder, 'twice.txt'), 'x\nx\n');
    await addToTree(h.folder, countLinesTool());
    const builtIn = [...createTools({ skills: new SkillLibrary(workspaceSkillReaders(h.workspace)) }), echo, explode, alreadyMarked] as Tool[];
    return new CustomToolSource(h.workspace, builtIn).forStep;
  }

  for (const { what, call, says, finishReason, approve } of cases) {
    it(`marks ${what}`, async () => {
      const h = await harness([reply(call, ...(finishReason ? [finish(finishReason)] : [])), textReply('I see.')], { approve: approve ?? 'edits' });
      const conversation = newConversation();
      const events = await h.run(conversation, { tools: await toolsFor(h), approver: refusing, commands: new NodeCommandRunner() });
      const [result] = eventsOf(events, 'tool_result');
      assert.equal(result.isError, true, result.content);
      const sent = h.server.requests[1].messages.at(-1);
      assert.equal(sent?.role, 'tool');
      assert.equal(sent?.content, result.content);
      assert.ok(result.content.startsWith('Error: '), result.content);
      assert.match(result.content.slice('Error: '.length), says);
      assert.equal(conversation.messages.at(-2)?.content, result.content, 'the saved conversation holds what was sent');
    });
  }

  it('does not mark a result that already starts with the marker, nor one that succeeded', async () => {
    const h = await harness([reply(toolCall('already_marked', {}, { id: 'm1', index: 0 }), toolCall('echo', { text: 'fine' }, { id: 'e1', index: 1 })), textReply('ok')]);
    await h.run(newConversation(), { tools: await toolsFor(h) });
    const [marked, fine] = h.server.requests[1].messages.slice(-2);
    assert.equal(marked.content, 'Error: the disk is full.');
    assert.equal(fine.content, 'fine');
  });
});
