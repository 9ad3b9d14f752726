// A CommandRunner that runs every command and program of another runner (the CLI's child
// process, the editor's terminal) inside the OS sandbox (bubblewrap on Linux, Seatbelt on
// macOS): the same output, timeout and cancel, with
// the workspace folder the only place it can write, protected paths read-only, the user's
// secrets hidden and no network unless allowed. A command line reaches the inner runner as a
// short launcher line (see sandboxLauncher), so the terminal shows the command, not the sandbox.
import * as path from 'node:path';
import type { ResolvedPath } from '../../workspace/workspace';
import { shellQuote } from '../allowSuggestion';
import type { CommandRunner, CommandRunOptions, CommandRunResult, Isolation, ProgramRunOptions } from '../commandRunner';
import type { CommandRules } from '../commandRules';
import { bubblewrapArgs } from './bubblewrapArgs';
import { launcherFolder, writeLauncher } from './sandboxLauncher';
import { missingProtectedPaths, sandboxPlanFor } from './sandboxPlanFor';
import { seatbeltArgs } from './seatbeltArgs';

export interface SandboxedRunnerOptions {
  /** The sandbox and its program, as sandboxSupport found them. */
  sandbox: { kind: 'bubblewrap' | 'seatbelt'; path: string };
  /** Whether commands may use the network; read on every run, so a changed setting applies at once. */
  network: () => boolean;
  /** The home folder whose secrets are hidden (tests plant their own). */
  home?: string;
  /** Where the launchers' private folder is made; the system temp folder by default. */
  launcherBase?: string;
}

export class SandboxedRunner implements CommandRunner {
  constructor(
    private readonly inner: CommandRunner,
    private readonly options: SandboxedRunnerOptions,
  ) {}

  rules(): CommandRules {
    return this.inner.rules();
  }

  isolation(): Isolation {
    return { kind: 'sandbox', network: this.options.network() };
  }

  async run(command: string, cwd: ResolvedPath, options: CommandRunOptions): Promise<CommandRunResult> {
    const folder = await launcherFolder(this.options.launcherBase);
    const shell = await this.wrap(['/bin/bash', '-c'], cwd, folder);
    // Without a folder to trust, the whole sandbox command line, as before: long, but as safe.
    const launcher = folder ? await writeLauncher(folder, shell) : undefined;
    const line = launcher ? launcher.line(command) : [...shell, command].map(shellQuote).join(' ');
    try {
      return await this.watchingProtected(cwd, () => this.inner.run(line, cwd, options));
    } finally {
      await launcher?.remove();
    }
  }

  async runProgram(argv: readonly string[], cwd: ResolvedPath, options: ProgramRunOptions): Promise<CommandRunResult> {
    if (!this.inner.runProgram) return { exitCode: null, output: '', timedOut: false, cancelled: false, durationMs: 0, note: 'Programs cannot run here.' };
    const wrapped = await this.wrap(argv, cwd, await launcherFolder(this.options.launcherBase));
    return this.watchingProtected(cwd, () => this.inner.runProgram!(wrapped, cwd, options));
  }

  /**
   * `argv` in the sandbox. The launchers' folder is hidden in every sandbox, programs' included,
   * so that no sandboxed command, running now or at the same time, can reach a launcher.
   */
  private async wrap(argv: readonly string[], cwd: ResolvedPath, launchers: string | undefined): Promise<string[]> {
    const plan = await sandboxPlanFor({ root: cwd.root, cwd: path.join(cwd.root, cwd.relative), network: this.options.network(), home: this.options.home });
    const hidden = launchers ? [...plan.hidden, { path: launchers, kind: 'directory' as const }] : plan.hidden;
    const { kind, path: program } = this.options.sandbox;
    return [program, ...(kind === 'seatbelt' ? seatbeltArgs({ ...plan, hidden }) : bubblewrapArgs({ ...plan, hidden })), '--', ...argv];
  }

  /**
   * A protected path that did not exist cannot be bound read-only, so a command could create it
   * (an .npmrc, a .vscode/tasks.json): it is not undone, but the model and the user are told.
   */
  private async watchingProtected(cwd: ResolvedPath, run: () => Promise<CommandRunResult>): Promise<CommandRunResult> {
    const before = await missingProtectedPaths(cwd.root);
    const result = await run();
    const after = new Set(await missingProtectedPaths(cwd.root));
    const created = before.filter((relative) => !after.has(relative));
    if (created.length === 0) return result;
    const note = `It created ${created.join(', ')}, which decide${created.length === 1 ? 's' : ''} what runs later: the user should review ${created.length === 1 ? 'it' : 'them'}.`;
    return { ...result, note: result.note ? `${result.note} ${note}` : note };
  }
}
