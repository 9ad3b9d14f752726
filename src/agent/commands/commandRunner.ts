// The CommandRunner port: how run_command reaches a shell. The CLI uses a child process
// (NodeCommandRunner); VS Code runs the command in its "Ouro" terminal, with the same result.
import type { ResolvedPath } from '../workspace/workspace';
import type { CommandRules } from './commandRules';

export interface CommandRunOptions {
  /** Kill the whole process tree after this long; the runner's default when absent. */
  timeoutMs?: number;
  /** Aborting kills the whole process tree. */
  signal: AbortSignal;
}

/** For a program run without a shell (a self-made tool's script). */
export interface ProgramRunOptions extends CommandRunOptions {
  /** Written to the program's standard input, which is then closed; without it stdin is empty. */
  stdin?: string;
  /** Added to the environment. */
  env?: Record<string, string>;
}

export interface CommandRunResult {
  /** null when the process was killed by a signal (timeout, cancel) or its code is unknown. */
  exitCode: number | null;
  /** Output as the model should see it: stdout and stderr interleaved, head and tail when long. */
  output: string;
  timedOut: boolean;
  cancelled: boolean;
  durationMs: number;
  /** Something the model should know about how it ran ("ran in a child process: no shell integration"). */
  note?: string;
}

/**
 * How a runner contains what it runs: in an OS sandbox (allow rules may let commands run without
 * asking), or not, because the user turned the sandbox off or this machine has none.
 */
export type Isolation = { kind: 'sandbox'; network: boolean } | { kind: 'off'; reason: string } | { kind: 'none'; reason: string };

export interface CommandRunner {
  /** The allow and deny rules in force now; read on every call, so changed settings apply at once. */
  rules(): CommandRules;
  /** Whether commands run in a sandbox; a runner without this method has none. */
  isolation?(): Isolation;
  /** Runs a command line in `cwd` (a folder the workspace resolved) and resolves when it is over. */
  run(command: string, cwd: ResolvedPath, options: CommandRunOptions): Promise<CommandRunResult>;
  /**
   * Runs a program with these arguments, no shell in between (so no argument is ever parsed as
   * shell syntax), with the same timeout, cancel and output capping; absent where it cannot.
   */
  runProgram?(argv: readonly string[], cwd: ResolvedPath, options: ProgramRunOptions): Promise<CommandRunResult>;
  /** Releases what the runner started (the sandbox's network proxy, the editor's terminal); absent when it holds nothing. */
  dispose?(): void | Promise<void>;
}

export const DEFAULT_COMMAND_TIMEOUT_MS = 120_000;
