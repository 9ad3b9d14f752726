// ask_user and plan in the CLI: the terminal reader on streams, a scripted run (no TTY) that
// refuses at once, an interactive run in a pseudo-terminal, and the plan printed as it changes.
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { askInTerminal, NOT_INTERACTIVE } from '../../../src/cli/terminalQuestion';
import { reply, textReply, toolCall, type ChatRequestBody } from '../../fixtures/mockOpenAI';
import { CLI_FROM_SOURCE, runCli, useMockServers } from './cliProcess';

const question = { question: 'Which database?', options: ['sqlite', 'postgres'] };
const toolResultOf = (body: ChatRequestBody) => String(body.messages.find((message) => message.role === 'tool')?.content);

function terminal() {
  const input = new PassThrough();
  let shown = '';
  return { input, output: { write: (text: string) => void (shown += text) }, shown: () => shown };
}

describe('ask_user in a terminal', () => {
  it('lists the options as numbers; a number picks one', async () => {
    const io = terminal();
    const answer = askInTerminal(question, io, new AbortController().signal);
    io.input.write('2\n');
    assert.deepEqual(await answer, { answered: true, text: 'postgres' });
    assert.equal(io.shown(), '\n? Which database?\n  1) sqlite\n  2) postgres\nAnswer (1-2, or type your own): ');
  });

  it('takes a typed answer as it is, and asks again after an empty line', async () => {
    const io = terminal();
    const answer = askInTerminal(question, io, new AbortController().signal);
    io.input.write('\n  mysql, version 8  \n');
    assert.deepEqual(await answer, { answered: true, text: 'mysql, version 8' });
    assert.equal(io.shown().split('Answer (1-2, or type your own): ').length, 3);
  });

  it('ends without an answer when the input ends or the run is stopped', async () => {
    const ended = terminal();
    const answer = askInTerminal({ question: 'Why?' }, ended, new AbortController().signal);
    ended.input.end();
    assert.deepEqual(await answer, { answered: false, reason: 'The input ended before the user answered.' });
    assert.match(ended.shown(), /\? Why\?\nAnswer: $/);

    const controller = new AbortController();
    const stopped = askInTerminal({ question: 'Why?' }, terminal(), controller.signal);
    controller.abort();
    assert.deepEqual(await stopped, { answered: false, reason: 'The user stopped the task before answering.' });
  });
});

describe('ask_user and plan in the CLI process', function () {
  this.timeout(30_000);
  const servers = useMockServers();
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ouro-ask-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const endpoint = (url: string) => ['--cwd', dir, '--base-url', url, '--model', 'mock-model'];

  it('without a terminal, ask_user fails at once with a clear reason, and the run goes on', async () => {
    const server = await servers.start([reply(...toolCall('ask_user', question)), textReply('Assuming sqlite.')]);
    const run = await runCli([...endpoint(server.url), 'set up the database']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /✗ ask_user Which database\? — ask_user needs an interactive terminal; this run has none/);
    assert.match(run.stdout, /Assuming sqlite\./);
    assert.equal(toolResultOf(server.requests[1]), `Error: ${NOT_INTERACTIVE}`);
  });

  it('prints the plan compactly, only when it changes', async () => {
    const open = [
      { text: 'Fix the bug', status: 'in_progress' },
      { text: 'Run the tests', status: 'pending' },
    ];
    const closed = [
      { text: 'Fix the bug', status: 'done' },
      { text: 'Run the tests', status: 'skipped' },
    ];
    const server = await servers.start([
      reply(...toolCall('plan', { items: open })),
      reply(...toolCall('plan', { items: open })),
      reply(...toolCall('plan', { items: closed })),
      textReply('Fixed; the tests need a database, so I skipped them.'),
    ]);
    const run = await runCli([...endpoint(server.url), 'fix it']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(
      run.stdout,
      'plan 0/2\n  ▸ Fix the bug\n  · Run the tests\nplan 2/2\n  ✓ Fix the bug\n  – Run the tests (skipped)\nFixed; the tests need a database, so I skipped them.\n',
    );
  });

  const hasScript = spawnSync('script', ['--version']).status === 0;
  (hasScript ? it : it.skip)('in an interactive terminal, reads the answer from stdin (a pseudo-terminal)', async () => {
    const server = await servers.start([reply(...toolCall('ask_user', question)), textReply('Using postgres.')]);
    const command = [...CLI_FROM_SOURCE, ...endpoint(server.url), 'set up the database'].map((word) => `'${word.replace(/'/g, `'\\''`)}'`).join(' ');
    // util-linux `script` runs the command on a new pseudo-terminal and relays our pipe to it.
    const child = spawn('script', ['-qefc', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', OURO_MAX_RETRIES: '0' } });
    let shown = '';
    child.stdout.on('data', (chunk) => {
      shown += chunk;
      if (/Answer \(1-2, or type your own\): $/.test(shown)) child.stdin.write('2\r');
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 0, shown);
    assert.match(shown, /\? Which database\?\r?\n {2}1\) sqlite\r?\n {2}2\) postgres/);
    assert.match(shown, /Using postgres\./);
    assert.equal(toolResultOf(server.requests[1]), 'The user answered: postgres');
  });
});
