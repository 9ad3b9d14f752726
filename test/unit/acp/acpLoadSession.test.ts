// `session/load` in `ouro acp`: a session is saved as it goes, in the user's config folder; a new
// editor process loads it, is shown the conversation again as updates before the load is
// answered, and the next prompt goes on with the whole conversation before the model.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { methods } from '@agentclientprotocol/sdk';
import { reply, text, toolCall } from '../../fixtures/mockOpenAI';
import { useMockServers } from '../cli/cliProcess';
import { agentText, assertFreshBuild, openEditor, type TestEditor } from './acpClient';

describe('ouro acp: loading a saved session', function () {
  this.timeout(30_000);
  const servers = useMockServers();
  let outside: string;
  let dir: string;
  let config: string;
  const editors: TestEditor[] = [];

  before(assertFreshBuild);
  beforeEach(() => {
    outside = mkdtempSync(join(tmpdir(), 'ouro-acp-load-'));
    dir = join(outside, 'workspace');
    config = join(outside, 'config');
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(join(dir, 'src', 'math.js'), 'export const add = (a, b) => a - b;\n');
  });
  afterEach(async () => {
    await Promise.all(editors.splice(0).map((editor) => editor.close()));
    rmSync(outside, { recursive: true, force: true });
  });

  const open = async (url: string) => {
    const editor = await openEditor(['--base-url', url, '--api-key', 'k', '--model', 'mock-model'], { env: { XDG_CONFIG_HOME: config } });
    editors.push(editor);
    return editor;
  };
  const prompt = (editor: TestEditor, sessionId: string, words: string) => editor.agent.request(methods.agent.session.prompt, { sessionId, prompt: [{ type: 'text', text: words }] });

  it('replays a saved conversation to a new editor process and goes on with it', async () => {
    const first = await open(
      (await servers.start([reply(...text('Reading it.'), ...toolCall('read_file', { path: 'src/math.js' }, { id: 'call_read' })), reply(...text('It subtracts.'))])).url,
    );
    assert.equal(first.initialized.agentCapabilities?.loadSession, true);
    const { sessionId } = await first.agent.request(methods.agent.session.new, { cwd: dir, mcpServers: [] });
    assert.equal((await prompt(first, sessionId, 'what does add do?')).stopReason, 'end_turn');
    await first.close();
    editors.splice(0);
    assert.ok(existsSync(join(config, 'ouro', 'acp-sessions', `${sessionId}.json`)));

    const server = await servers.start([reply(...text('Yes: it subtracts.'))]);
    const second = await open(server.url);
    assert.deepEqual(await second.agent.request(methods.agent.session.load, { sessionId, cwd: dir, mcpServers: [] }), {});
    const replayed = second.updates.map(({ update }) => update);
    assert.ok(second.updates.every((update) => update.sessionId === sessionId));
    assert.deepEqual(
      replayed.map((update) => update.sessionUpdate),
      ['user_message_chunk', 'agent_message_chunk', 'tool_call', 'tool_call_update', 'agent_message_chunk'],
    );
    assert.deepEqual(replayed[0], { sessionUpdate: 'user_message_chunk', content: { type: 'text', text: 'what does add do?' } });
    assert.equal(agentText(second.updates), 'Reading it.It subtracts.');
    const result = replayed[3];
    assert.ok(result.sessionUpdate === 'tool_call_update');
    assert.deepEqual([result.toolCallId, result.status], ['call_read', 'completed']);
    assert.match(JSON.stringify(result.content), /a - b/);

    assert.equal((await prompt(second, sessionId, 'still?')).stopReason, 'end_turn');
    const sent = server.requests[0].messages;
    assert.deepEqual(
      sent.map((message) => message.role),
      ['system', 'user', 'assistant', 'tool', 'assistant', 'user'],
    );
    assert.equal(sent[1].content, 'what does add do?');
    assert.equal(sent.at(-1)?.content, 'still?');
    assert.equal(agentText(second.updates.slice(replayed.length)), 'Yes: it subtracts.');
  });

  it('answers a session it never saved with "not found"', async () => {
    const editor = await open((await servers.start([])).url);
    await assert.rejects(editor.agent.request(methods.agent.session.load, { sessionId: 'no-such-session', cwd: dir, mcpServers: [] }), /not found/i);
    await assert.rejects(editor.agent.request(methods.agent.session.load, { sessionId: '../escape', cwd: dir, mcpServers: [] }), /not found/i);
  });
});
