// A CommandRunner that runs every command and program of another runner (the CLI's child
// process, the editor's terminal) inside the OS sandbox (bubblewrap on Linux, Seatbelt on
// macOS): the same output, timeout and cancel, with the workspace folder the only place it can
// write, protected paths read-only, the user's secrets hidden and no network unless allowed: the
// whole of it, or (with bubblewrap) some hosts through the network proxy, started for the first
// command that needs it and shared by the rest; under Seatbelt a host list is no network. A
// command line reaches the inner runner as a short launcher line (see sandboxLauncher), so the
// terminal shows the command, not the sandbox.
import * as path from 'node:path';
import type { ResolvedPath } from '../../workspace/workspace';
import { shellQuote } from '../allowSuggestion';
import type { CommandRunner, CommandRunOptions, CommandRunResult, Isolation, ProgramRunOptions } from '../commandRunner';
import type { CommandRules } from '../commandRules';
import type { SandboxNetwork } from './bubblewrapArgs';
import { NO_HOSTS_ON_MACOS_NOTE, type NetworkAccess } from './networkAccess';
import { startNetworkProxy, type NetworkProxy, type Refusal } from './networkProxy';
import { bridgedArgv, proxyEnvironment } from './proxyBridge';
import { sandboxArgv, type SandboxProgram } from './sandboxArgv';
import { launcherFolder, writeLauncher } from './sandboxLauncher';
import { quietArgv } from './quietEnvironment';
import { missingProtectedPaths, sandboxPlanFor } from './sandboxPlanFor';
import { NO_SOCAT_NOTE, socatPath } from './socatSupport';

export interface SandboxedRunnerOptions {
  /** The sandbox and its program, as sandboxSupport found them. */
  sandbox: SandboxProgram;
  /**
   * What network commands get; read on every run, so a changed setting applies to the next
   * command. Hosts are let through only with bubblewrap: under Seatbelt they mean no network.
   */
  network: () => NetworkAccess;
  /** The home folder whose secrets are hidden (tests plant their own). */
  home?: string;
  /** Where the launchers' private folder is made; the system temp folder by default. */
  launcherBase?: string;
  /** Finds socat, the bridge to the proxy (tests pass one that finds none). */
  socat?: () => Promise<string | undefined>;
}

/** How one run reaches the network, and what it should be told about that. */
interface RunNetwork {
  plan: SandboxNetwork;
  socat?: string;
  proxy?: NetworkProxy;
  note?: string;
}

export class SandboxedRunner implements CommandRunner {
  private proxy: Promise<NetworkProxy> | undefined;
  /** The notes said once (no socat, no hosts on macOS). */
  private readonly told = new Set<string>();

  constructor(
    private readonly inner: CommandRunner,
    private readonly options: SandboxedRunnerOptions,
  ) {}

  rules(): CommandRules {
    return this.inner.rules();
  }

  isolation(): Isolation {
    const access = this.options.network();
    return { kind: 'sandbox', network: access.kind === 'all' || (access.kind === 'hosts' && this.options.sandbox.kind === 'bubblewrap') };
  }

  async run(command: string, cwd: ResolvedPath, options: CommandRunOptions): Promise<CommandRunResult> {
    const folder = await launcherFolder(this.options.launcherBase);
    return this.contained(['/bin/bash', '-c'], cwd, folder, async (shell) => {
      // Without a folder to trust, the whole sandbox command line, as before: long, but as safe.
      const launcher = folder ? await writeLauncher(folder, shell) : undefined;
      const line = launcher ? launcher.line(command) : [...shell, command].map(shellQuote).join(' ');
      try {
        return await this.inner.run(line, cwd, options);
      } finally {
        await launcher?.remove();
      }
    });
  }

  async runProgram(argv: readonly string[], cwd: ResolvedPath, options: ProgramRunOptions): Promise<CommandRunResult> {
    if (!this.inner.runProgram) return { exitCode: null, output: '', timedOut: false, cancelled: false, durationMs: 0, note: 'Programs cannot run here.' };
    const folder = await launcherFolder(this.options.launcherBase);
    return this.contained(argv, cwd, folder, (wrapped) => this.inner.runProgram!(wrapped, cwd, options));
  }

  /** Closes the network proxy, if one was started; the inner runner is not this runner's to close. */
  async dispose(): Promise<void> {
    const proxy = this.proxy;
    this.proxy = undefined;
    await (await proxy?.catch(() => undefined))?.close();
  }

  /**
   * Runs `argv` in the sandbox (behind the bridge to the proxy when hosts are allowed), and says
   * what the model and the user should know: hosts the proxy refused meanwhile, and protected
   * paths the command created. A protected path that did not exist cannot be bound read-only, so
   * a command could create it (an .npmrc, a .vscode/tasks.json): it is not undone, but it is
   * told. The launchers' folder is hidden in every sandbox, programs' included, so that no
   * sandboxed command, running now or at the same time, can reach a launcher.
   */
  private async contained(
    argv: readonly string[],
    cwd: ResolvedPath,
    launchers: string | undefined,
    run: (wrapped: string[]) => Promise<CommandRunResult>,
  ): Promise<CommandRunResult> {
    const network = await this.network();
    const plan = await sandboxPlanFor({ root: cwd.root, cwd: path.join(cwd.root, cwd.relative), network: network.plan, home: this.options.home });
    const inside = quietArgv(network.proxy && network.socat ? bridgedArgv(argv, network.socat, network.proxy.socket) : argv);
    const missingBefore = await missingProtectedPaths(cwd.root);
    const refusalMark = network.proxy?.refusedCount() ?? 0;
    const result = await run(sandboxArgv(this.options.sandbox, plan, launchers, inside));
    const missingAfter = new Set(await missingProtectedPaths(cwd.root));
    const created = missingBefore.filter((relative) => !missingAfter.has(relative));
    const notes = [
      network.note,
      refusedNote(network.proxy?.refusedSince(refusalMark) ?? []),
      created.length
        ? `It created ${created.join(', ')}, which decide${created.length === 1 ? 's' : ''} what runs later: the user should review ${created.length === 1 ? 'it' : 'them'}.`
        : undefined,
    ].filter((note) => note !== undefined);
    return notes.length ? { ...result, note: [result.note, ...notes].filter(Boolean).join(' ') } : result;
  }

  private async network(): Promise<RunNetwork> {
    const access = this.options.network();
    if (access.kind !== 'hosts') return { plan: access.kind };
    // Seatbelt has no bridge to the proxy here: the network stays cut, said once.
    if (this.options.sandbox.kind !== 'bubblewrap') return { plan: 'none', note: this.once(NO_HOSTS_ON_MACOS_NOTE) };
    const socat = await (this.options.socat ?? socatPath)();
    // Said once; every command after it gets no network all the same.
    if (!socat) return { plan: 'none', note: this.once(NO_SOCAT_NOTE) };
    let proxy: NetworkProxy;
    try {
      proxy = await (this.proxy ??= startNetworkProxy({ rules: () => this.allowedNow() }));
    } catch (error) {
      this.proxy = undefined;
      return { plan: 'none', note: `The sandbox's network proxy could not start (${error instanceof Error ? error.message : String(error)}): this command got no network.` };
    }
    return { plan: { proxySocket: proxy.socket, environment: proxyEnvironment(access.rules) }, socat, proxy };
  }

  /** `note` the first time, then nothing. */
  private once(note: string): string | undefined {
    if (this.told.has(note)) return undefined;
    this.told.add(note);
    return note;
  }

  /** The hosts the proxy lets through: those listed now (none once the list is emptied or made `*`). */
  private allowedNow() {
    const access = this.options.network();
    return access.kind === 'hosts' ? access.rules : [];
  }
}

function refusedNote(refusals: readonly Refusal[]): string | undefined {
  if (refusals.length === 0) return undefined;
  const named = [...new Set(refusals.map((refusal) => `${refusal.target} (${refusal.why})`))];
  return `The sandbox refused network access to ${named.join(', ')}.`;
}
