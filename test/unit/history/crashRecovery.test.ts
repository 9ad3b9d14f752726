// The CLI with --conversation: it saves after every step, continues a saved conversation, and a
// run killed with SIGKILL mid-stream or while a tool runs leaves a file that loads and
// continues: the strict mock server takes the next request.
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConversation } from '../../../src/agent/history/conversationFile';
import { NEVER_FINISHED } from '../../../src/agent/history/repairConversation';
import { reply, stall, startMockServer, text, textReply, toolCall, usage, type MockServer } from '../../fixtures/mockOpenAI';
import { runCli } from '../cli/cliProcess';

const ROOT = join(__dirname, '..', '..', '..');
const MAIN = join(ROOT, 'src', 'cli', 'main.ts');

/** Starts the CLI in the background; the caller kills it. */
function startCli(args: string[]): { child: ChildProcess; output: () => string; exited: Promise<void> } {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', MAIN, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', OURO_MAX_RETRIES: '0' },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let stdout = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  return { child, output: () => stdout, exited };
}

async function until(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function savedDraft(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  return parseConversation(readFileSync(file, 'utf8')).draft?.text;
}

describe('a conversation saved by the CLI', function () {
  this.timeout(60_000);
  let dir: string;
  let file: string;
  let server: MockServer | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ouro-saved-'));
    mkdirSync(join(dir, 'project', 'src'), { recursive: true });
    writeFileSync(join(dir, 'project', 'src', 'math.js'), 'export const add = (a, b) => a - b;\n');
    file = join(dir, 'chat.json');
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  const args = (...rest: string[]) => ['--cwd', join(dir, 'project'), '--base-url', server!.url, '--model', 'gpt-4o-mini', '--conversation', file, ...rest];

  it('is saved after the run and continued by the next one, usage added up', async () => {
    server = await startMockServer([
      reply(toolCall('read_file', { path: 'src/math.js' }, { id: 'r1' }), usage(100, 10)),
      reply(text('add subtracts.'), usage(150, 5, { prompt_tokens_details: { cached_tokens: 100 } })),
      reply(text('Yes, I am sure.'), usage(200, 5)),
    ]);
    const first = await runCli(args('what is wrong in src/math.js?'));
    assert.equal(first.code, 0, first.stderr);
    const saved = parseConversation(readFileSync(file, 'utf8'));
    assert.equal(saved.title, 'what is wrong in src/math.js?');
    assert.equal(saved.model, 'gpt-4o-mini');
    assert.deepEqual(saved.messages.map((message) => message.role), ['system', 'user', 'assistant', 'tool', 'assistant']);
    assert.deepEqual({ prompt: saved.usage.promptTokens, cached: saved.usage.cachedTokens, requests: saved.usage.requests }, { prompt: 250, cached: 100, requests: 2 });
    assert.ok(saved.usage.cost > 0);

    const second = await runCli(args('are you sure?'));
    assert.equal(second.code, 0, second.stderr);
    // The continued request is the first conversation plus the new prompt: same system prompt, same prefix.
    const [, , resumed] = server.requests;
    assert.deepEqual(resumed.messages.slice(0, -1), [...server.requests[1].messages, { role: 'assistant', content: 'add subtracts.' }]);
    assert.deepEqual(resumed.messages.at(-1), { role: 'user', content: 'are you sure?' });
    const after = parseConversation(readFileSync(file, 'utf8'));
    assert.equal(after.messages.length, 7);
    assert.equal(after.turns.length, 2);
    assert.equal(after.usage.requests, 3);
    assert.equal(after.title, 'what is wrong in src/math.js?');
  });

  it('refuses to continue a file that is not a conversation, and leaves it alone', async () => {
    server = await startMockServer([]);
    writeFileSync(file, '{"notes": "mine"}');
    const run = await runCli(args('hello'));
    assert.equal(run.code, 2);
    assert.match(run.stderr, /cannot be continued: it is not an Ouro conversation/);
    assert.equal(readFileSync(file, 'utf8'), '{"notes": "mine"}');
    assert.equal(server.requests.length, 0);
  });

  it('killed mid-stream, keeps what had streamed and continues', async () => {
    server = await startMockServer([reply(text('Looking at the file'), stall()), textReply('Continuing from where I was.')]);
    const run = startCli(args('--json', 'explain src/math.js'));
    await until('the streamed text to be saved', () => savedDraft(file)?.startsWith('Looking at') === true);
    run.child.kill('SIGKILL');
    await run.exited;
    const streamed = savedDraft(file);

    const next = await runCli(args('go on'));
    assert.equal(next.code, 0, next.stderr);
    assert.match(next.stderr, /a reply cut off while it streamed was kept/);
    assert.deepEqual(server.requests[1].messages.slice(-2), [
      { role: 'assistant', content: streamed },
      { role: 'user', content: 'go on' },
    ]);
    const saved = parseConversation(readFileSync(file, 'utf8'));
    assert.equal(saved.draft, undefined);
    assert.deepEqual(saved.messages.slice(-3), [
      { role: 'assistant', content: streamed, interrupted: true },
      { role: 'user', content: 'go on' },
      { role: 'assistant', content: 'Continuing from where I was.' },
    ]);
  });

  (process.platform === 'win32' ? it.skip : it)('killed while a tool runs, answers the call and continues', async () => {
    server = await startMockServer([reply(toolCall('run_command', { command: 'sleep 4' }, { id: 'sleeping' })), textReply('The command never finished; moving on.')]);
    const run = startCli(args('--json', '--allow', 'sleep', 'wait a bit'));
    // Each event is saved before it is printed: once the call shows, it is on disk.
    await until('the tool call', () => run.output().includes('"type":"tool_call"'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.doesNotMatch(run.output(), /"type":"tool_result"/, 'the command was meant to be still running');
    run.child.kill('SIGKILL');
    await run.exited;
    assert.equal(parseConversation(readFileSync(file, 'utf8')).messages.at(-1)?.role, 'assistant');

    const next = await runCli(args('what happened?'));
    assert.equal(next.code, 0, next.stderr);
    assert.match(next.stderr, /1 tool call had no result/);
    assert.deepEqual(server.requests[1].messages.slice(-2), [
      { role: 'tool', tool_call_id: 'sleeping', name: 'run_command', content: NEVER_FINISHED },
      { role: 'user', content: 'what happened?' },
    ]);
  });
});
