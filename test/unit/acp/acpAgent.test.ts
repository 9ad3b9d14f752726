// `ouro acp` end to end: the built CLI as a child process, an editor speaking the Agent Client
// Protocol to it over its stdin and stdout, the mock OpenAI server behind it, a real temp folder.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { methods, type SessionUpdate } from '@agentclientprotocol/sdk';
import { delay, fault, reply, stall, text, toolCall } from '../../fixtures/mockOpenAI';
import { useMockServers } from '../cli/cliProcess';
import { agentText, assertFreshBuild, openEditor, type EditorOptions, type TestEditor } from './acpClient';

describe('ouro acp, driven by an editor over stdio', function () {
  this.timeout(30_000);
  const servers = useMockServers();
  let outside: string;
  let dir: string;
  let editor: TestEditor | undefined;

  before(assertFreshBuild);
  beforeEach(() => {
    outside = mkdtempSync(join(tmpdir(), 'ouro-acp-'));
    dir = join(outside, 'workspace');
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(join(dir, 'src', 'math.js'), 'export const add = (a, b) => a - b;\n');
  });
  afterEach(async () => {
    await editor?.close();
    editor = undefined;
    rmSync(outside, { recursive: true, force: true });
  });

  async function start(url: string, options: EditorOptions = {}, flags: string[] = []) {
    editor = await openEditor(['--base-url', url, '--api-key', 'k', '--model', 'mock-model', ...flags], options);
    const { sessionId } = await editor.agent.request(methods.agent.session.new, { cwd: dir, mcpServers: [] });
    const prompt = (words: string) => editor!.agent.request(methods.agent.session.prompt, { sessionId, prompt: [{ type: 'text', text: words }] });
    return { sessionId, prompt };
  }

  const kinds = (updates: readonly { update: SessionUpdate }[]) => updates.map(({ update }) => update.sessionUpdate);
  const toolUpdates = () => editor!.updates.flatMap(({ update }) => (update.sessionUpdate === 'tool_call_update' ? [update] : []));

  it('streams the reply and the tool call, asks permission for the edit, applies it when allowed, and ends the turn', async () => {
    const server = await servers.start([
      reply(...text('Fixing ', 'it.'), ...toolCall('edit_file', { path: 'src/math.js', old_string: 'a - b', new_string: 'a + b' }, { id: 'call_edit' })),
      reply(...text('Done: ', '`add` adds.')),
    ]);
    const { prompt } = await start(server.url);
    const response = await prompt('fix add in src/math.js');

    assert.equal(response.stopReason, 'end_turn');
    assert.equal(agentText(editor!.updates), 'Fixing it.Done: `add` adds.');
    const call = editor!.updates.find(({ update }) => update.sessionUpdate === 'tool_call')?.update;
    assert.deepEqual(call && { ...call, rawInput: undefined }, {
      sessionUpdate: 'tool_call',
      toolCallId: 'call_edit',
      title: 'edit_file src/math.js',
      kind: 'edit',
      status: 'in_progress',
      locations: [{ path: join(dir, 'src', 'math.js') }],
      rawInput: undefined,
    });
    assert.equal(editor!.permissions.length, 1);
    const asked = editor!.permissions[0];
    assert.equal(asked.toolCall.toolCallId, 'call_edit');
    assert.deepEqual(
      asked.options.map((option) => option.kind),
      ['allow_once', 'allow_always', 'reject_once'],
    );
    assert.deepEqual(asked.toolCall.content?.at(-1), { type: 'diff', path: join(dir, 'src', 'math.js'), oldText: 'export const add = (a, b) => a - b;\n', newText: 'export const add = (a, b) => a + b;\n' });
    assert.deepEqual(
      toolUpdates().map((update) => [update.toolCallId, update.status]),
      [['call_edit', 'completed']],
    );
    assert.equal(readFileSync(join(dir, 'src', 'math.js'), 'utf8'), 'export const add = (a, b) => a + b;\n');
    // The updates came in the order things happened: text, the call, its result, the answer.
    assert.deepEqual(kinds(editor!.updates), ['agent_message_chunk', 'agent_message_chunk', 'tool_call', 'tool_call_update', 'agent_message_chunk', 'agent_message_chunk']);
    assert.doesNotMatch(String(server.requests[1].messages.at(-1)?.content), /^Error/);
  });

  it('keeps the file as it was when the editor rejects the edit, and the model hears it', async () => {
    const server = await servers.start([
      reply(...toolCall('write_file', { path: 'src/math.js', content: 'broken' }, { id: 'call_write' })),
      reply(...text('Understood.')),
    ]);
    const reject: EditorOptions['answer'] = (request) => ({ outcome: { outcome: 'selected', optionId: request.options.find((option) => option.kind === 'reject_once')!.optionId } });
    const { prompt } = await start(server.url, { answer: reject });
    const response = await prompt('break it');

    assert.equal(response.stopReason, 'end_turn');
    assert.equal(readFileSync(join(dir, 'src', 'math.js'), 'utf8'), 'export const add = (a, b) => a - b;\n');
    assert.deepEqual(
      toolUpdates().map((update) => update.status),
      ['failed'],
    );
    assert.match(String(server.requests[1].messages.at(-1)?.content), /^Error: .*declined/);
  });

  // Without the sandbox an allow rule covers only the exact command, so the same one runs twice.
  it('asks before a command, and Always allow adds the rule so the same command runs without asking', async () => {
    const server = await servers.start([
      reply(...toolCall('run_command', { command: 'pwd' }, { id: 'call_1' })),
      reply(...toolCall('run_command', { command: 'pwd' }, { id: 'call_2' })),
      reply(...text('Ran both.')),
    ]);
    const always: EditorOptions['answer'] = (request) => ({ outcome: { outcome: 'selected', optionId: request.options.find((option) => option.kind === 'allow_always')!.optionId } });
    const { prompt } = await start(server.url, { answer: always }, ['--sandbox', 'off']);
    const response = await prompt('run pwd twice');

    assert.equal(response.stopReason, 'end_turn');
    assert.equal(editor!.permissions.length, 1, 'the second pwd ran under the rule the first answer added');
    assert.equal(editor!.permissions[0].toolCall.toolCallId, 'call_1');
    assert.equal(editor!.permissions[0].options.find((option) => option.kind === 'allow_always')?.name, 'Always allow `pwd`');
    assert.deepEqual(
      toolUpdates().map((update) => [update.toolCallId, update.status]),
      [
        ['call_1', 'completed'],
        ['call_2', 'completed'],
      ],
    );
    assert.match(String(server.requests[2].messages.at(-1)?.content), new RegExp(`Exit code 0[\\s\\S]*${dir}`));
  });

  it('sends the plan as a plan update, not as a tool call', async () => {
    const items = [
      { text: 'Read the code', status: 'done' },
      { text: 'Fix the bug', status: 'in_progress' },
      { text: 'Run the tests', status: 'pending' },
    ];
    // Ending with items open brings a reminder, answered by the third reply.
    const server = await servers.start([reply(...toolCall('plan', { items })), reply(...text('On it.')), reply(...text('Still on it.'))]);
    const { prompt } = await start(server.url);
    await prompt('plan it');

    const plans = editor!.updates.flatMap(({ update }) => (update.sessionUpdate === 'plan' ? [update.entries] : []));
    assert.deepEqual(plans, [
      [
        { content: 'Read the code', priority: 'medium', status: 'completed' },
        { content: 'Fix the bug', priority: 'medium', status: 'in_progress' },
        { content: 'Run the tests', priority: 'medium', status: 'pending' },
      ],
    ]);
    assert.ok(!kinds(editor!.updates).includes('tool_call'));
  });

  it('ends the turn with the cancelled stop reason when the editor cancels mid-reply', async () => {
    const server = await servers.start([reply(...text('Let me think'), stall())]);
    let sessionId = '';
    const { prompt, sessionId: id } = await start(server.url, {
      onUpdate: (update, agent) => {
        if (update.update.sessionUpdate === 'agent_message_chunk') void agent.notify(methods.agent.session.cancel, { sessionId });
      },
    });
    sessionId = id;
    const response = await prompt('think forever');

    assert.equal(response.stopReason, 'cancelled');
    assert.equal(agentText(editor!.updates), 'Let me think');
  });

  it('takes a prompt sent while a turn runs into that turn at its next step, and answers both when it ends', async () => {
    const server = await servers.start([
      reply(...text('Reading'), delay(1500), ...toolCall('read_file', { path: 'src/math.js' }, { id: 'call_read' })),
      reply(...text('add subtracts; and yes, sub is missing.')),
    ]);
    let sessionId = '';
    let second: Promise<{ stopReason: string }> | undefined;
    const { prompt, sessionId: id } = await start(server.url, {
      onUpdate: (update, agent) => {
        if (update.update.sessionUpdate === 'agent_message_chunk' && !second) {
          second = agent.request(methods.agent.session.prompt, { sessionId, prompt: [{ type: 'text', text: 'also: is there a sub?' }] });
        }
      },
    });
    sessionId = id;
    const first = await prompt('what does add do?');

    assert.equal(first.stopReason, 'end_turn');
    assert.equal((await second!).stopReason, 'end_turn');
    assert.equal(server.requests.length, 2, 'one turn, two requests');
    const sent = server.requests[1].messages;
    assert.equal(sent.at(-2)?.role, 'tool');
    assert.deepEqual(sent.at(-1), { role: 'user', content: 'also: is there a sub?' });
  });

  it('ends a turn cancelled while a permission request waits, and runs nothing', async () => {
    const server = await servers.start([reply(...toolCall('run_command', { command: 'touch made-by-agent' }, { id: 'call_touch' }))]);
    let sessionId = '';
    const { prompt, sessionId: id } = await start(
      server.url,
      {
        // The person presses Stop while the card is open; the editor then answers "cancelled".
        answer: async (_request, agent) => {
          await agent.notify(methods.agent.session.cancel, { sessionId });
          return { outcome: { outcome: 'cancelled' } };
        },
      },
      ['--sandbox', 'off'],
    );
    sessionId = id;
    const response = await prompt('make a file');

    assert.equal(response.stopReason, 'cancelled');
    assert.equal(editor!.permissions.length, 1);
    assert.equal(existsSync(join(dir, 'made-by-agent')), false);
  });

  it('reads and writes through the editor when it offers fs: the unsaved buffer is what is edited, the disk is left alone', async () => {
    const file = join(dir, 'src', 'math.js');
    const buffers = new Map([[file, 'export const add = (a, b) => a * b; // unsaved\n']]);
    const server = await servers.start([
      reply(...toolCall('read_file', { path: 'src/math.js' })),
      reply(...toolCall('edit_file', { path: 'src/math.js', old_string: 'a * b', new_string: 'a + b' })),
      reply(...text('Fixed.')),
    ]);
    const { prompt } = await start(server.url, { buffers }, ['--approve', 'edits']);
    const response = await prompt('fix add');

    assert.equal(response.stopReason, 'end_turn');
    assert.match(String(server.requests[1].messages.at(-1)?.content), /a \* b; \/\/ unsaved/);
    assert.ok(editor!.reads.every((read) => read.path === file));
    assert.ok(editor!.reads.length >= 2, 'read for the tool, and again before the write to see nothing changed');
    assert.deepEqual(
      editor!.writes.map((write) => [write.path, write.content]),
      [[file, 'export const add = (a, b) => a + b; // unsaved\n']],
    );
    assert.equal(readFileSync(file, 'utf8'), 'export const add = (a, b) => a - b;\n');
  });

  it('refuses paths outside the workspace, symlinks included, and never asks the editor for them', async () => {
    writeFileSync(join(outside, 'secret.txt'), 'top secret\n');
    symlinkSync(outside, join(dir, 'escape'));
    const buffers = new Map([[join(outside, 'secret.txt'), 'top secret (buffer)\n']]);
    const server = await servers.start([
      reply(
        ...toolCall('read_file', { path: '../secret.txt' }, { id: 'call_up', index: 0 }),
        ...toolCall('read_file', { path: 'escape/secret.txt' }, { id: 'call_link', index: 1 }),
        ...toolCall('write_file', { path: join(outside, 'planted.txt'), content: 'x' }, { id: 'call_plant', index: 2 }),
      ),
      reply(...text('Cannot.')),
    ]);
    const { prompt } = await start(server.url, { buffers }, ['--approve', 'all']);
    await prompt('read the secret');

    assert.deepEqual(
      toolUpdates().map((update) => [update.toolCallId, update.status]),
      [
        ['call_up', 'failed'],
        ['call_link', 'failed'],
        ['call_plant', 'failed'],
      ],
    );
    assert.deepEqual(editor!.reads, []);
    assert.deepEqual(editor!.writes, []);
    assert.equal(existsSync(join(outside, 'planted.txt')), false);
    const results = server.requests[1].messages.filter((message) => message.role === 'tool').map((message) => String(message.content));
    assert.equal(results.length, 3);
    for (const result of results) {
      assert.match(result, /outside the workspace/);
      assert.doesNotMatch(result, /top secret/);
    }
  });

  it('answers session/new with an error when no model is configured, and keeps stdout to protocol messages', async () => {
    editor = await openEditor(['--base-url', 'http://127.0.0.1:9/v1']);
    await assert.rejects(editor.agent.request(methods.agent.session.new, { cwd: dir, mcpServers: [] }), /no model configured/);
    // Still serving: a second request is answered too, not a dead pipe.
    await assert.rejects(editor.agent.request(methods.agent.session.new, { cwd: 'relative/path', mcpServers: [] }), /no model configured/);
  });

  it('turns a failing endpoint into an error answer to the prompt', async () => {
    const server = await servers.start([fault(500, { message: 'the model is down' })]);
    const { prompt } = await start(server.url);
    await assert.rejects(prompt('hello'), /the model is down/);
  });
});
