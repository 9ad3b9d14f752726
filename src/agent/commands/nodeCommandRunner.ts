// The CLI's CommandRunner: the command line runs in bash (or sh) as a child process in the
// workspace folder, leading its own process group so that a timeout or a cancel can stop
// everything it started. A self-made tool's program runs the same way, without the shell, its
// arguments on stdin.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { ResolvedPath } from '../workspace/workspace';
import { DEFAULT_COMMAND_TIMEOUT_MS, type CommandRunner, type CommandRunOptions, type CommandRunResult, type ProgramRunOptions } from './commandRunner';
import { childEnvironment } from './childEnvironment';
import type { CommandRules } from './commandRules';
import { capOutput, DEFAULT_OUTPUT_LIMITS, OutputCollector, type OutputLimits } from './outputCapper';
import { killProcessTree } from './processTree';

export interface NodeCommandRunnerOptions {
  /** Prefixes that run without asking (the CLI's --allow). */
  allow?: readonly string[];
  /** Prefixes that never run. */
  deny?: readonly string[];
  /** When the model gives no timeout; 120 s by default. */
  defaultTimeoutMs?: number;
  /** The shell to run command lines with; bash when there is one, else sh (cmd.exe on Windows). */
  shell?: string;
  /** Added to this process's environment (less its secrets: see childEnvironment). */
  env?: Record<string, string>;
  /** Secret-looking variables to pass on all the same. */
  passEnv?: readonly string[];
  limits?: OutputLimits;
  /** How long a killed tree gets to exit after SIGTERM before SIGKILL. */
  killGraceMs?: number;
}

// After the shell exits, how long its output pipes may stay open: longer means something it
// started in the background still holds them.
const DRAIN_MS = 300;
// A process that survives SIGKILL is stuck in the kernel; do not wait for it forever.
const EXIT_WAIT_MS = 5000;

export class NodeCommandRunner implements CommandRunner {
  constructor(private readonly options: NodeCommandRunnerOptions = {}) {}

  rules(): CommandRules {
    return { allow: this.options.allow ?? [], deny: this.options.deny ?? [] };
  }

  async run(command: string, cwd: ResolvedPath, options: CommandRunOptions): Promise<CommandRunResult> {
    const { file, args, windowsVerbatimArguments } = shellInvocation(command, this.options.shell);
    return this.spawnAndWatch(file, args, cwd, options, windowsVerbatimArguments);
  }

  async runProgram(argv: readonly string[], cwd: ResolvedPath, options: ProgramRunOptions): Promise<CommandRunResult> {
    if (argv.length === 0) return { exitCode: null, output: '', timedOut: false, cancelled: false, durationMs: 0, note: 'There is no program to run.' };
    return this.spawnAndWatch(argv[0], argv.slice(1), cwd, options, false);
  }

  private async spawnAndWatch(file: string, args: readonly string[], cwd: ResolvedPath, options: ProgramRunOptions, windowsVerbatimArguments: boolean): Promise<CommandRunResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    if (options.signal.aborted) return { exitCode: null, output: '', timedOut: false, cancelled: true, durationMs: 0, note: 'Cancelled before it started.' };

    const child = spawn(file, args, {
      cwd: path.join(cwd.root, cwd.relative),
      detached: process.platform !== 'win32',
      stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      windowsHide: true,
      windowsVerbatimArguments,
      // Nobody can answer a prompt: fail instead of waiting for a password or a pager.
      env: { ...childEnvironment(process.env, this.options.passEnv), GIT_TERMINAL_PROMPT: '0', PAGER: 'cat', GIT_PAGER: 'cat', ...this.options.env, ...options.env },
    });
    if (child.stdin) {
      // A program that exits without reading its input closes the pipe under us: not an error.
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.stdin);
    }
    const collector = new OutputCollector();
    child.stdout?.on('data', (chunk: Buffer) => collector.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => collector.push(chunk));

    const outcome = await this.watch(child, options);
    const result: CommandRunResult = {
      exitCode: outcome.exitCode,
      output: capOutput(collector.finish(), this.options.limits ?? DEFAULT_OUTPUT_LIMITS),
      timedOut: outcome.stop === 'timeout',
      cancelled: outcome.stop === 'cancel',
      durationMs: elapsed(),
    };
    return outcome.note ? { ...result, note: outcome.note } : result;
  }

  private async watch(child: ChildProcess, options: CommandRunOptions): Promise<{ exitCode: number | null; stop?: 'timeout' | 'cancel'; note?: string }> {
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
    // `on`, not `once`: a second 'error' with no listener would crash the process.
    const failed = new Promise<Error>((resolve) => child.on('error', resolve));
    const timeoutMs = options.timeoutMs ?? this.options.defaultTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    let onAbort = () => {};
    const stopped = new Promise<'timeout' | 'cancel'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
      onAbort = () => resolve('cancel');
      options.signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      const first = await Promise.race([
        exited.then((exit) => ({ kind: 'exit' as const, ...exit })),
        failed.then((error) => ({ kind: 'error' as const, error })),
        stopped.then((stop) => ({ kind: 'stop' as const, stop })),
      ]);
      if (first.kind === 'error') return { exitCode: null, note: `The command could not start: ${first.error.message}` };
      if (first.kind === 'stop') {
        if (child.pid !== undefined) await killProcessTree(child.pid, this.options.killGraceMs);
        await Promise.race([closed, delay(EXIT_WAIT_MS)]);
        return { exitCode: null, stop: first.stop };
      }
      const killedBy = first.signal ? { note: `It was killed by ${first.signal}.` } : {};
      const drained = await Promise.race([closed.then(() => true), delay(DRAIN_MS).then(() => false)]);
      if (drained || child.pid === undefined) return { exitCode: first.code, ...killedBy };
      // The shell is done but something it started in the background still holds the output.
      await killProcessTree(child.pid, this.options.killGraceMs);
      await Promise.race([closed, delay(DRAIN_MS)]);
      return { exitCode: first.code, note: 'It left processes running in the background; they were stopped.' };
    } finally {
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
    }
  }
}

function shellInvocation(command: string, shell: string | undefined): { file: string; args: string[]; windowsVerbatimArguments: boolean } {
  if (process.platform === 'win32') {
    return { file: shell ?? process.env.ComSpec ?? 'cmd.exe', args: ['/d', '/s', '/c', `"${command}"`], windowsVerbatimArguments: true };
  }
  return { file: shell ?? (existsSync('/bin/bash') ? '/bin/bash' : '/bin/sh'), args: ['-c', command], windowsVerbatimArguments: false };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
