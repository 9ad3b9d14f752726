// run_command in the editor: command lines run in the "Ouro" terminal through shell integration
// (or a child process, said in the note, where the shell offers none), with their output, exit
// code and timeout, in the sandbox as a short line.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { shellQuote } from '../../src/agent/commands/allowSuggestion';
import { NO_NETWORK } from '../../src/agent/commands/sandbox/networkAccess';
import { SandboxedRunner } from '../../src/agent/commands/sandbox/sandboxedRunner';
import { sandboxSupport } from '../../src/agent/commands/sandbox/sandboxSupport';
import type { ResolvedPath } from '../../src/agent/workspace/workspace';
import { TERMINAL_NAME, TerminalCommandRunner } from '../../src/host/terminal/terminalCommandRunner';

describe('the "Ouro" terminal runner', function () {
  this.timeout(60_000);
  const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
  const folder: ResolvedPath = { display: '.', root, relative: '' };
  let runner: TerminalCommandRunner;

  beforeEach(() => {
    runner = new TerminalCommandRunner({ integrationWaitMs: 10_000, interruptGraceMs: 500 });
  });
  afterEach(() => runner.dispose());

  it('returns the output and exit code of a command, in a terminal named "Ouro"', async () => {
    const result = await runner.run('node -e "console.log(\'hello from ouro\'); process.exit(3)"', folder, { signal: new AbortController().signal });
    assert.equal(result.exitCode, 3, JSON.stringify(result));
    assert.match(result.output, /hello from ouro/);
    assert.equal(result.timedOut, false);
    assert.ok(vscode.window.terminals.some((terminal) => terminal.name === TERMINAL_NAME), 'no terminal named Ouro');
    // Where shell integration works the output came from the terminal; otherwise the note says why not.
    if (result.note) assert.match(result.note, /no shell integration/);
  });

  it('runs a second command in the same terminal, in the folder asked for', async () => {
    fs.mkdirSync(path.join(root, 'runner-sub'), { recursive: true });
    try {
      const signal = new AbortController().signal;
      await runner.run('node -e "0"', folder, { signal });
      const terminals = vscode.window.terminals.filter((terminal) => terminal.name === TERMINAL_NAME).length;
      const result = await runner.run('node -e "console.log(process.cwd())"', { display: 'runner-sub', root, relative: 'runner-sub' }, { signal });
      assert.equal(result.exitCode, 0, JSON.stringify(result));
      assert.match(result.output, /runner-sub/);
      assert.equal(vscode.window.terminals.filter((terminal) => terminal.name === TERMINAL_NAME).length, terminals);
    } finally {
      fs.rmSync(path.join(root, 'runner-sub'), { recursive: true, force: true });
    }
  });

  it('changes folder only when the terminal is not already in the one asked for (a new one is where it opened)', async function () {
    const lines: string[] = [];
    const listener = vscode.window.onDidStartTerminalShellExecution((event) => lines.push(event.execution.commandLine.value));
    fs.mkdirSync(path.join(root, 'runner-sub'), { recursive: true });
    try {
      const signal = new AbortController().signal;
      const sub: ResolvedPath = { display: 'runner-sub', root, relative: 'runner-sub' };
      const first = await runner.run('node -e "1"', folder, { signal });
      if (first.note) this.skip(); // no shell integration here: nothing runs in the terminal
      // After a command the shell says where it is, if its integration reports the folder at all.
      const reported = vscode.window.terminals.find((terminal) => terminal.name === TERMINAL_NAME)?.shellIntegration?.cwd;
      await runner.run('node -e "2"', folder, { signal });
      await runner.run('node -e "3"', sub, { signal });
      assert.deepEqual(lines.map((line) => line.replace(/^cd .+ && /, 'cd DIR && ')), [
        'node -e "1"',
        reported ? 'node -e "2"' : 'cd DIR && node -e "2"',
        'cd DIR && node -e "3"',
      ]);
    } finally {
      listener.dispose();
      fs.rmSync(path.join(root, 'runner-sub'), { recursive: true, force: true });
    }
  });

  it('kills a command that runs past its timeout and says so', async () => {
    const started = Date.now();
    const result = await runner.run('node -e "setTimeout(() => {}, 60000)"', folder, { timeoutMs: 1500, signal: new AbortController().signal });
    assert.equal(result.timedOut, true, JSON.stringify(result));
    assert.equal(result.exitCode, null);
    assert.ok(Date.now() - started < 20_000, `took ${Date.now() - started} ms`);
  });

  it('stops a running command when the signal aborts', async () => {
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 1500);
    const result = await runner.run('node -e "setTimeout(() => {}, 60000)"', folder, { signal: stop.signal });
    assert.equal(result.cancelled, true, JSON.stringify(result));
  });

  it('reads the allow and deny rules from the settings each time', async () => {
    const config = vscode.workspace.getConfiguration('ouro.commands');
    await config.update('allow', ['npm test'], vscode.ConfigurationTarget.Workspace);
    try {
      assert.deepEqual(runner.rules(), { allow: ['npm test'], deny: [] });
    } finally {
      await config.update('allow', undefined, vscode.ConfigurationTarget.Workspace);
    }
    assert.deepEqual(runner.rules(), { allow: [], deny: [] });
  });
});

describe('a sandboxed command in the "Ouro" terminal', function () {
  this.timeout(60_000);
  const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
  const folder: ResolvedPath = { display: '.', root, relative: '' };
  let terminal: TerminalCommandRunner;
  let outside: string;

  beforeEach(() => {
    terminal = new TerminalCommandRunner({ integrationWaitMs: 10_000, interruptGraceMs: 500 });
    // Not under /tmp, which sandboxed commands may use as scratch space.
    outside = fs.mkdtempSync(path.join(os.homedir(), '.ouro-terminal-outside-'));
  });
  afterEach(() => {
    terminal.dispose();
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('shows the command, not the sandbox, and still runs it in the sandbox with its output and exit code', async function () {
    const support = await sandboxSupport();
    if (support.kind === 'none') this.skip();
    const sandboxed = new SandboxedRunner(terminal, { sandbox: support, network: () => NO_NETWORK });
    const lines: string[] = [];
    const listener = vscode.window.onDidStartTerminalShellExecution((event) => lines.push(event.execution.commandLine.value));
    const escape = path.join(outside, 'escaped.txt');
    const command = `node -e "console.log('hello from the sandbox'); process.exit(4)" && true; echo out > ${escape} || exit 5`;
    try {
      const result = await sandboxed.run(command, folder, { signal: new AbortController().signal });
      assert.equal(result.exitCode, 5, JSON.stringify(result));
      assert.equal(fs.existsSync(escape), false, 'the write outside the workspace did not land');
      if (result.note) this.skip(); // no shell integration here: nothing ran in the terminal
      assert.match(result.output, /hello from the sandbox/);
      assert.equal(lines.length, 1, lines.join('\n'));
      assert.match(lines[0], /^(cd \S+ && )?\/bin\/sh \S+\.sh /);
      assert.ok(lines[0].endsWith(` ${shellQuote(command)}`), lines[0]);
      assert.doesNotMatch(lines[0], /--ro-bind|--unshare/);
    } finally {
      listener.dispose();
    }
  });
});
