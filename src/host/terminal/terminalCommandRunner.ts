// The editor's CommandRunner: run_command's command lines run in one terminal named "Ouro" that
// the user can watch, and shell integration hands back the output and the exit code. Where the
// shell offers no integration, the command runs as a child process instead and the result says so.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DEFAULT_COMMAND_TIMEOUT_MS, type CommandRunner, type CommandRunOptions, type CommandRunResult, type ProgramRunOptions } from '../../agent/commands/commandRunner';
import { shellQuote } from '../../agent/commands/allowSuggestion';
import type { CommandRules } from '../../agent/commands/commandRules';
import { NodeCommandRunner } from '../../agent/commands/nodeCommandRunner';
import { capOutput, DEFAULT_OUTPUT_LIMITS, OutputCollector } from '../../agent/commands/outputCapper';
import type { ResolvedPath } from '../../agent/workspace/workspace';
import { secretNames } from '../../agent/commands/childEnvironment';
import { readCommandRules, readPassEnv } from '../settings/settings';

export const TERMINAL_NAME = 'Ouro';

export interface TerminalCommandRunnerOptions {
  /** How long a new terminal's shell gets to report shell integration before the child-process fallback. */
  integrationWaitMs?: number;
  /** After Ctrl+C, how long the command gets to end before the terminal is closed. */
  interruptGraceMs?: number;
  defaultTimeoutMs?: number;
  /** Runs what the terminal cannot: commands without shell integration, programs without a shell. */
  fallback?: CommandRunner;
}

// Nobody can answer a prompt from the model's side: fail instead of waiting for a password or a pager.
const QUIET_ENV = { GIT_TERMINAL_PROMPT: '0', PAGER: 'cat', GIT_PAGER: 'cat' };

type Stop = 'timeout' | 'cancel';

export class TerminalCommandRunner implements CommandRunner, vscode.Disposable {
  private terminal: vscode.Terminal | undefined;
  /** One command at a time: the terminal has one prompt. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly fallback: CommandRunner;
  private readonly closed: vscode.Disposable;

  constructor(private readonly options: TerminalCommandRunnerOptions = {}) {
    this.fallback = options.fallback ?? new NodeCommandRunner({ env: QUIET_ENV, defaultTimeoutMs: options.defaultTimeoutMs, passEnv: readPassEnv() });
    this.closed = vscode.window.onDidCloseTerminal((closed) => {
      if (closed === this.terminal) this.terminal = undefined;
    });
  }

  rules(): CommandRules {
    return readCommandRules();
  }

  run(command: string, cwd: ResolvedPath, options: CommandRunOptions): Promise<CommandRunResult> {
    const next = this.queue.then(() => this.runNow(command, cwd, options));
    this.queue = next.catch(() => undefined);
    return next;
  }

  runProgram(argv: readonly string[], cwd: ResolvedPath, options: ProgramRunOptions): Promise<CommandRunResult> {
    if (!this.fallback.runProgram) return Promise.resolve({ exitCode: null, output: '', timedOut: false, cancelled: false, durationMs: 0, note: 'Programs cannot run here.' });
    return this.fallback.runProgram(argv, cwd, options);
  }

  dispose(): void {
    this.closed.dispose();
    this.terminal?.dispose();
  }

  private async runNow(command: string, cwd: ResolvedPath, options: CommandRunOptions): Promise<CommandRunResult> {
    if (options.signal.aborted) return { exitCode: null, output: '', timedOut: false, cancelled: true, durationMs: 0, note: 'Cancelled before it started.' };
    const folder = path.join(cwd.root, cwd.relative);
    const fresh = !this.terminal;
    const terminal = this.terminal ?? this.createTerminal(cwd.root);
    terminal.show(true);
    const integration = await this.shellIntegration(terminal, options.signal);
    if (!integration) {
      const result = await this.fallback.run(command, cwd, options);
      const why = 'Ran in a child process in the workspace folder: the "Ouro" terminal has no shell integration.';
      return { ...result, note: result.note ? `${why} ${result.note}` : why };
    }
    // Where the shell is, as its integration reports it (code-server reports a vscode-remote URI,
    // whose path is still the folder's on the machine the extension runs on); a terminal just
    // opened is where it was opened. `cd` only when that is not the command's folder.
    const here = integration.cwd ? integration.cwd.fsPath : fresh ? cwd.root : undefined;
    const line = here !== undefined && sameFolder(here, folder) ? command : `cd ${shellQuote(folder)} && ${command}`;
    return this.execute(terminal, integration, line, options);
  }

  private async execute(terminal: vscode.Terminal, integration: vscode.TerminalShellIntegration, line: string, options: CommandRunOptions): Promise<CommandRunResult> {
    const started = performance.now();
    const execution = integration.executeCommand(line);
    const ended = new Promise<number | undefined>((resolve) => {
      const listener = vscode.window.onDidEndTerminalShellExecution((event) => {
        if (event.execution !== execution) return;
        listener.dispose();
        resolve(event.exitCode);
      });
    });
    // Only what is written after the first read() is seen: start reading at once.
    const collector = new OutputCollector();
    const drained = (async () => {
      for await (const data of execution.read()) collector.push(Buffer.from(data));
    })().catch(() => undefined);

    const timeoutMs = options.timeoutMs ?? this.options.defaultTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    let onAbort = () => {};
    const stopped = new Promise<Stop>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
      onAbort = () => resolve('cancel');
      options.signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      const first = await Promise.race([ended.then((code) => ({ code })), stopped.then((stop) => ({ stop }))]);
      let exitCode: number | null = null;
      let note: string | undefined;
      let stop: Stop | undefined;
      if ('stop' in first) {
        stop = first.stop;
        note = await this.interrupt(terminal, ended, first.stop);
      } else {
        exitCode = first.code ?? null;
        // The stream ends with the execution; a moment more lets its last chunk arrive.
        await Promise.race([drained, delay(500)]);
        if (first.code === undefined) note = 'The terminal did not report an exit code.';
      }
      const result: CommandRunResult = {
        exitCode,
        output: capOutput(collector.finish(), DEFAULT_OUTPUT_LIMITS),
        timedOut: stop === 'timeout',
        cancelled: stop === 'cancel',
        durationMs: Math.round(performance.now() - started),
      };
      return note ? { ...result, note } : result;
    } finally {
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
    }
  }

  /** Ctrl+C first; a timed-out command, or one that ignores Ctrl+C, loses its terminal and everything in it. */
  private async interrupt(terminal: vscode.Terminal, ended: Promise<unknown>, stop: Stop): Promise<string | undefined> {
    terminal.sendText('\x03', false);
    const interrupted = await Promise.race([ended.then(() => true), delay(this.options.interruptGraceMs ?? 1000).then(() => false)]);
    if (interrupted && stop === 'cancel') return 'It was interrupted with Ctrl+C in the "Ouro" terminal.';
    if (this.terminal === terminal) this.terminal = undefined;
    terminal.dispose();
    return 'Ctrl+C was sent, then the "Ouro" terminal was closed to stop everything it ran; the next command opens a new one.';
  }

  private createTerminal(root: string): vscode.Terminal {
    // Secrets are unset in the terminal's shell (null deletes a variable), so a command cannot print them.
    const unset = Object.fromEntries(secretNames(process.env, readPassEnv()).map((name) => [name, null]));
    this.terminal = vscode.window.createTerminal({ name: TERMINAL_NAME, cwd: root, env: { ...unset, ...QUIET_ENV }, isTransient: true });
    return this.terminal;
  }

  private async shellIntegration(terminal: vscode.Terminal, signal: AbortSignal): Promise<vscode.TerminalShellIntegration | undefined> {
    if (terminal.shellIntegration) return terminal.shellIntegration;
    let listener: vscode.Disposable | undefined;
    const activated = new Promise<vscode.TerminalShellIntegration>((resolve) => {
      listener = vscode.window.onDidChangeTerminalShellIntegration((event) => {
        if (event.terminal === terminal) resolve(event.shellIntegration);
      });
    });
    const aborted = new Promise<undefined>((resolve) => signal.addEventListener('abort', () => resolve(undefined), { once: true }));
    try {
      return await Promise.race([activated, aborted, delay(this.options.integrationWaitMs ?? 5000).then(() => terminal.shellIntegration)]);
    } finally {
      listener?.dispose();
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The same folder, whatever the spelling (a trailing slash, a symlink such as macOS's /tmp). */
function sameFolder(a: string, b: string): boolean {
  const real = (folder: string) => {
    try {
      return fs.realpathSync(folder);
    } catch {
      return path.resolve(folder);
    }
  };
  return path.resolve(a) === path.resolve(b) || real(a) === real(b);
}
