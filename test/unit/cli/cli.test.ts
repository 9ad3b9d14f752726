// The CLI end to end: a real process against the mock OpenAI server, on a real temp folder.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentEvent } from '../../../src/agent/events';
import { fault, reply, startMockServer, text, toolCall, type MockServer } from '../../fixtures/mockOpenAI';
import { runCli } from './cliProcess';

describe('the CLI against the mock server', function () {
  this.timeout(30_000);
  let dir: string;
  let server: MockServer | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ouro-cli-'));
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'math.js'), 'export const add = (a, b) => a - b;\n');
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  const endpoint = () => ['--cwd', dir, '--base-url', server!.url, '--api-key', 'k', '--model', 'mock-model'];

  it('reads a file, answers, prints the text and one line per tool call, and exits 0', async () => {
    server = await startMockServer([
      reply(...toolCall('read_file', { path: 'src/math.js' })),
      reply(...text('The bug: ', '`add` subtracts.')),
    ]);
    const run = await runCli([...endpoint(), 'what is wrong in src/math.js?']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /✓ read_file src\/math\.js/);
    assert.match(run.stdout, /The bug: `add` subtracts\./);
    // The model really received the file's content as the tool result.
    const toolMessage = server.requests[1].messages.find((m) => m.role === 'tool');
    assert.match(String(toolMessage?.content), /a - b/);
  });

  it('with --tool-mode text, sends no tools, describes them in the prompt and runs the call the model writes', async () => {
    server = await startMockServer([
      reply(...text('<tool_call>{"name": "read_file", ', '"arguments": {"path": "src/math.js"}}</tool_call>')),
      reply(...text('The bug: `add` subtracts.')),
    ]);
    const run = await runCli([...endpoint(), '--tool-mode', 'text', 'what is wrong in src/math.js?']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /✓ read_file src\/math\.js/);
    assert.doesNotMatch(run.stdout, /tool_call/);
    assert.equal(server.requests[0].tools, undefined);
    assert.match(String(server.requests[0].messages[0].content), /\n- read_file\(path: string, /);
    const result = server.requests[1].messages.at(-1);
    assert.equal(result?.role, 'user');
    assert.match(String(result?.content), /^<tool_response name="read_file">\n[\s\S]*a - b/);
  });

  it('prints one JSON event per line with --json', async () => {
    server = await startMockServer([
      reply(...toolCall('list_files', { path: '.' })),
      reply(...text('Done.')),
    ]);
    const run = await runCli([...endpoint(), '--json', 'list the files']);
    assert.equal(run.code, 0, run.stderr);
    const events = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as AgentEvent);
    const types = events.map((e) => e.type);
    assert.ok(types.includes('tool_call') && types.includes('tool_result') && types.includes('text'), types.join(','));
    const result = events.find((e) => e.type === 'tool_result');
    assert.ok(result?.type === 'tool_result' && /src\//.test(result.content), JSON.stringify(result));
    assert.deepEqual(events.at(-1), { type: 'done', reason: 'stop' });
  });

  it('writes a file only when --approve allows edits', async () => {
    const fix = { path: 'src/math.js', old_string: 'a - b', new_string: 'a + b' };
    server = await startMockServer([reply(...toolCall('edit_file', fix)), reply(...text('Fixed.'))]);
    const refused = await runCli([...endpoint(), 'fix it']);
    assert.equal(refused.code, 0, refused.stderr);
    assert.equal(readFileSync(join(dir, 'src', 'math.js'), 'utf8'), 'export const add = (a, b) => a - b;\n');
    const told = server.requests[1].messages.find((m) => m.role === 'tool');
    assert.match(String(told?.content), /--approve/);
    await server.close();

    server = await startMockServer([reply(...toolCall('edit_file', fix)), reply(...text('Fixed.'))]);
    const allowed = await runCli([...endpoint(), '--approve', 'edits', 'fix it']);
    assert.equal(allowed.code, 0, allowed.stderr);
    assert.equal(readFileSync(join(dir, 'src', 'math.js'), 'utf8'), 'export const add = (a, b) => a + b;\n');
  });

  it('exits 2 with a one-line reason when no model is configured', async () => {
    const run = await runCli(['--cwd', dir, '--base-url', 'http://127.0.0.1:9/v1', 'hello']);
    assert.equal(run.code, 2);
    assert.equal(run.stderr.trim().split('\n').length, 1);
    assert.match(run.stderr, /no model configured/);
  });

  it('exits 2 and prints the usage for an unknown flag', async () => {
    const run = await runCli(['--nope', 'hello']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /Usage: ouro/);
  });

  it('exits non-zero saying the endpoint is unreachable', async () => {
    server = await startMockServer([]);
    const url = server.url;
    await server.close();
    server = undefined;
    const run = await runCli(['--cwd', dir, '--base-url', url, '--model', 'm', 'hello']);
    assert.equal(run.code, 1);
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    assert.match(run.stderr, /reach|connect|ECONNREFUSED/i);
  });

  it('exits non-zero saying the API key was refused on 401', async () => {
    server = await startMockServer([], { expectedApiKey: 'right' });
    const run = await runCli([...endpoint(), 'hello']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /key/i);
    assert.equal(server.requests.length, 1, 'a 401 is not retried');
  });

  it('exits 3 when the step limit is reached', async () => {
    server = await startMockServer([
      reply(...toolCall('list_files', { path: '.' })),
      reply(...toolCall('list_files', { path: 'src' })),
    ]);
    const run = await runCli([...endpoint(), '--max-steps', '2', 'keep listing']);
    assert.equal(run.code, 3);
    assert.match(run.stderr, /2 steps/);
  });

  it('retries a 503 and then finishes', async () => {
    server = await startMockServer([fault(503, { retryAfter: '0' }), reply(...text('ok'))]);
    const run = await runCli([...endpoint(), 'hello'], { OURO_MAX_RETRIES: '2' });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /ok/);
    assert.equal(server.requests.length, 2);
  });

  it('with --mode ask, sends no tool that edits or runs, and a write the model tries anyway writes nothing', async () => {
    server = await startMockServer([
      reply(...toolCall('write_file', { path: 'src/math.js', content: 'broken' })),
      reply(...text('I cannot edit in Ask mode.')),
    ]);
    const run = await runCli([...endpoint(), '--approve', 'all', '--mode', 'ask', 'fix src/math.js']);
    assert.equal(run.code, 0, run.stderr);
    const offered = server.requests[0].tools?.map((tool) => tool.function.name) ?? [];
    assert.ok(offered.includes('read_file'), offered.join(', '));
    for (const name of ['write_file', 'edit_file', 'run_command', 'remember']) assert.ok(!offered.includes(name), `${name} was offered`);
    assert.match(String(server.requests[0].messages.at(-1)?.content), /\[Ask mode: /);
    assert.match(String(server.requests[1].messages.at(-1)?.content), /There is no tool named "write_file"/);
    assert.equal(readFileSync(join(dir, 'src', 'math.js'), 'utf8'), 'export const add = (a, b) => a - b;\n');
  });
});
