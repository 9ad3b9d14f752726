// A CommandRunner that runs every command and program of another runner (the CLI's child
// process, the editor's terminal) inside bubblewrap: the same output, timeout and cancel, with
// the workspace folder the only place it can write, protected paths read-only, the user's
// secrets hidden and no network unless allowed: the whole of it, or some hosts through the
// network proxy, started for the first command that needs it and shared by the rest.
import * as path from 'node:path';
import type { ResolvedPath } from '../../workspace/workspace';
import { shellQuote } from '../allowSuggestion';
import type { CommandRunner, CommandRunOptions, CommandRunResult, Isolation, ProgramRunOptions } from '../commandRunner';
import type { CommandRules } from '../commandRules';
import { bubblewrapArgs, type SandboxNetwork } from './bubblewrapArgs';
import type { NetworkAccess } from './networkAccess';
import { startNetworkProxy, type NetworkProxy, type Refusal } from './networkProxy';
import { bridgedArgv, proxyEnvironment } from './proxyBridge';
import { missingProtectedPaths, sandboxPlanFor } from './sandboxPlanFor';
import { NO_SOCAT_NOTE, socatPath } from './socatSupport';

export interface SandboxedRunnerOptions {
  /** The bubblewrap binary. */
  bwrap: string;
  /** What network commands get; read on every run, so a changed setting applies to the next command. */
  network: () => NetworkAccess;
  /** The home folder whose secrets are hidden (tests plant their own). */
  home?: string;
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
  private socatMissingTold = false;

  constructor(
    private readonly inner: CommandRunner,
    private readonly options: SandboxedRunnerOptions,
  ) {}

  rules(): CommandRules {
    return this.inner.rules();
  }

  isolation(): Isolation {
    return { kind: 'sandbox', network: this.options.network().kind !== 'none' };
  }

  async run(command: string, cwd: ResolvedPath, options: CommandRunOptions): Promise<CommandRunResult> {
    return this.contained(['/bin/bash', '-c', command], cwd, (wrapped) => this.inner.run(wrapped.map(shellQuote).join(' '), cwd, options));
  }

  async runProgram(argv: readonly string[], cwd: ResolvedPath, options: ProgramRunOptions): Promise<CommandRunResult> {
    if (!this.inner.runProgram) return { exitCode: null, output: '', timedOut: false, cancelled: false, durationMs: 0, note: 'Programs cannot run here.' };
    return this.contained(argv, cwd, (wrapped) => this.inner.runProgram!(wrapped, cwd, options));
  }

  /** Closes the network proxy, if one was started; the inner runner is not this runner's to close. */
  async dispose(): Promise<void> {
    const proxy = this.proxy;
    this.proxy = undefined;
    await (await proxy?.catch(() => undefined))?.close();
  }

  /**
   * Runs argv in the sandbox, and says what the model and the user should know: hosts the proxy
   * refused meanwhile, and protected paths the command created. A protected path that did not
   * exist cannot be bound read-only, so a command could create it (an .npmrc, a
   * .vscode/tasks.json): it is not undone, but it is told.
   */
  private async contained(argv: readonly string[], cwd: ResolvedPath, run: (wrapped: string[]) => Promise<CommandRunResult>): Promise<CommandRunResult> {
    const network = await this.network();
    const plan = await sandboxPlanFor({ root: cwd.root, cwd: path.join(cwd.root, cwd.relative), network: network.plan, home: this.options.home });
    const inside = network.proxy && network.socat ? bridgedArgv(argv, network.socat, network.proxy.socket) : argv;
    const missingBefore = await missingProtectedPaths(cwd.root);
    const refusalMark = network.proxy?.refusedCount() ?? 0;
    const result = await run([this.options.bwrap, ...bubblewrapArgs(plan), '--', ...inside]);
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
    const socat = await (this.options.socat ?? socatPath)();
    if (!socat) {
      // Said once; every command after it gets no network all the same.
      const note = this.socatMissingTold ? undefined : NO_SOCAT_NOTE;
      this.socatMissingTold = true;
      return { plan: 'none', note };
    }
    let proxy: NetworkProxy;
    try {
      proxy = await (this.proxy ??= startNetworkProxy({ rules: () => this.allowedNow() }));
    } catch (error) {
      this.proxy = undefined;
      return { plan: 'none', note: `The sandbox's network proxy could not start (${error instanceof Error ? error.message : String(error)}): this command got no network.` };
    }
    return { plan: { proxySocket: proxy.socket, environment: proxyEnvironment(access.rules) }, socat, proxy };
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
