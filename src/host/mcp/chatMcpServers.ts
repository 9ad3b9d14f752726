// The chat's MCP servers: the same files and core as the CLI. Before each step the configuration
// is read again (a changed file applies from the next step); a workspace's servers start only in
// a trusted workspace and once the person trusted their command lines on a card in the chat;
// `${input:…}` values are asked then. The servers start when their tools are first wanted and
// stop when the extension does. Each MCP call asks on its own card (see mcpApprover.ts).
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { McpServers, targetOf } from '../../agent/mcp/mcpServers';
import type { McpServerConfig } from '../../agent/mcp/mcpConfig';
import type { McpConnectionOptions } from '../../agent/mcp/mcpConnection';
import type { McpPromptEntry } from '../../agent/mcp/mcpPrompts';
import { inputsUsed, resolveVariables } from '../../agent/mcp/mcpVariables';
import type { ToolSource } from '../../agent/toolSource';
import type { Tool } from '../../agent/tools/tool';
import type { McpServerView } from '../../protocol/messages';
import type { PendingDecisions } from '../chat/decisions';
import { mcpApprover } from './mcpApprover';
import { readMcpConfiguration, type McpConfiguration } from './mcpConfigFiles';
import { EditorToolOffer, type EditorTools } from './editorToolOffer';
import type { McpInputs } from './mcpInputs';
import type { McpMemory } from './mcpMemory';
import { askToTrust } from './mcpTrust';

/** How long listing or getting a server's prompts may take before the picker goes on without them. */
const PROMPT_TIMEOUT_MS = 5_000;

export interface ChatMcpOptions {
  userFile: string;
  folder: () => string | undefined;
  memory: McpMemory;
  inputs: McpInputs;
  /** The "Ouro MCP" output channel: the servers' stderr and what happened to them. */
  log: vscode.LogOutputChannel;
  decisions: PendingDecisions;
  autoAllowReadOnly: () => boolean;
  /** The server list changed. */
  onViews: (views: McpServerView[]) => void;
  /** The editor's own tools (`vscode.lm.tools`), offered too while `offerEditorTools` says so. */
  editorTools?: EditorTools;
  offerEditorTools?: () => boolean;
  /** Sign-ins for remote servers, and the sandbox stdio servers run in (when one is on), each time servers start. */
  connection?: () => Promise<Pick<McpConnectionOptions, 'auth' | 'sandbox'>>;
}

interface Running {
  key: string;
  servers: McpServers;
  /** Why a server that should run does not (a missing input). */
  failed: Map<string, string>;
}

export class ChatMcpServers implements vscode.Disposable {
  private config: McpConfiguration | undefined;
  private running: Running | undefined;
  private readonly wrapped = new WeakMap<Tool, Tool>();
  private readonly said = new Set<string>();
  private readonly editorOffer: EditorToolOffer | undefined;
  /** The MCP and editor tools offered at the latest step, for the context meter. */
  offered: readonly Tool[] = [];

  constructor(private readonly options: ChatMcpOptions) {
    if (options.editorTools) this.editorOffer = new EditorToolOffer(options.editorTools, () => options.memory.allowed());
  }

  /** `base`, then the MCP servers' tools; problems become notes for the model, never a throw. */
  withTools(base: ToolSource): ToolSource {
    let last: Tool[] = [];
    return async (signal) => {
      const set = await base(signal);
      const notes = [...(set.notes ?? [])];
      let mcp: readonly Tool[] = [];
      try {
        mcp = await this.tools(signal, notes);
      } catch (err) {
        notes.push(`MCP: ${err instanceof Error ? err.message : String(err)}`);
      }
      const editor = this.options.offerEditorTools?.() ? this.editorTools(mcp, notes) : [];
      const tools = [...set.tools, ...mcp, ...editor];
      if (tools.length !== last.length || tools.some((tool, i) => tool !== last[i])) last = tools;
      this.offered = [...mcp, ...editor];
      return { tools: last, ...(notes.length ? { notes } : {}) };
    };
  }

  /** The servers as the list shows them, reading the files again (nothing is started). */
  async views(): Promise<McpServerView[]> {
    this.config = await readMcpConfiguration(this.options.userFile, this.options.folder());
    return this.viewsOf(this.config);
  }

  async setEnabled(name: string, enabled: boolean): Promise<void> {
    await this.options.memory.setEnabled(name, enabled);
    this.options.log.info(`${name} ${enabled ? 'enabled' : 'disabled'} in this workspace`);
    this.options.onViews(await this.views());
  }

  /** Trusts a workspace's server from the list (which names its command line). */
  async trust(name: string): Promise<void> {
    const server = (await readMcpConfiguration(this.options.userFile, this.options.folder())).servers.find((entry) => entry.name === name);
    if (!server || server.origin !== 'workspace' || !vscode.workspace.isTrusted) return;
    await this.options.memory.setTrust([{ name, target: targetOf(server) }], 'trusted');
    this.options.log.info(`${name} trusted: ${targetOf(server)}`);
    this.options.onViews(await this.views());
  }

  /** The prompts of the servers running now (listing them starts none). */
  async prompts(): Promise<McpPromptEntry[]> {
    return (await this.running?.servers.prompts(AbortSignal.timeout(PROMPT_TIMEOUT_MS))) ?? [];
  }

  async getPrompt(entry: McpPromptEntry, values: Record<string, string>): Promise<string> {
    if (!this.running) throw new Error(`the MCP server "${entry.server}" is not running`);
    return this.running.servers.getPrompt(entry, values, AbortSignal.timeout(PROMPT_TIMEOUT_MS));
  }

  dispose(): void {
    void this.running?.servers.close();
    this.running = undefined;
  }

  private async tools(signal: AbortSignal, notes: string[]): Promise<Tool[]> {
    const config = (this.config = await readMcpConfiguration(this.options.userFile, this.options.folder()));
    for (const problem of config.problems) this.problem(problem, notes);
    const { memory, decisions } = this.options;
    if (vscode.workspace.isTrusted) {
      const asked = config.servers.filter((server) => server.origin === 'workspace' && !memory.disabled(server.name) && memory.trust(server.name, targetOf(server)) === undefined);
      if (asked.length) await askToTrust(asked, decisions, memory, signal);
    }
    const wanted = config.servers.filter((server) => this.startable(server));
    const key = JSON.stringify([config.text, wanted.map((server) => server.name)]);
    if (this.running?.key !== key) await this.start(key, wanted, config);
    const running = this.running!;
    const source = running.servers.withTools([]);
    const pending = source(signal);
    this.options.onViews(this.viewsOf(config));
    const set = await pending;
    this.options.onViews(this.viewsOf(config));
    return set.tools.map((tool) => this.forChat(tool));
  }

  private async start(key: string, wanted: readonly McpServerConfig[], config: McpConfiguration): Promise<void> {
    await this.running?.servers.close();
    const failed = new Map<string, string>();
    const resolved: McpServerConfig[] = [];
    const folder = this.options.folder() ?? process.cwd();
    for (const server of wanted) {
      const inputs = await this.options.inputs.answers(inputsUsed(server), config.inputs, server.name);
      const result = resolveVariables(server, { env: process.env, workspaceFolder: folder, userHome: homedir(), inputs });
      if (result.ok) resolved.push(result.server);
      else failed.set(server.name, result.problem);
    }
    const { log, memory } = this.options;
    const connection = (await this.options.connection?.()) ?? {};
    const servers = new McpServers(resolved, { ...connection, cwd: folder, log: (line) => log.info(line), allowed: () => memory.allowed(), trusted: () => true, onProblem: (problem) => log.warn(problem) });
    this.running = { key, servers, failed };
  }

  /** A server that may start: on, and the user's own or a trusted workspace's. */
  private startable(server: McpServerConfig): boolean {
    if (this.options.memory.disabled(server.name)) return false;
    return server.origin === 'user' || (vscode.workspace.isTrusted && this.options.memory.trust(server.name, targetOf(server)) === 'trusted');
  }

  private viewsOf(config: McpConfiguration): McpServerView[] {
    const live = new Map((this.running?.servers.status() ?? []).map((status) => [status.name, status]));
    return config.servers.map((server): McpServerView => {
      const base = { name: server.name, target: targetOf(server), origin: server.origin, tools: 0 };
      if (this.options.memory.disabled(server.name)) return { ...base, state: 'disabled' };
      if (!this.startable(server)) return { ...base, state: 'untrusted', ...(vscode.workspace.isTrusted ? {} : { error: 'This workspace is not trusted.' }) };
      const failure = this.running?.failed.get(server.name);
      if (failure) return { ...base, state: 'failed', error: failure };
      const status = live.get(server.name);
      if (!status || status.state === 'untrusted') return { ...base, state: 'stopped' };
      return { ...base, state: status.state, tools: status.tools, ...(status.error ? { error: status.error } : {}) };
    });
  }

  /** The editor's tools that Ouro's servers do not offer already; none when listing them fails. */
  private editorTools(mcp: readonly Tool[], notes: string[]): Tool[] {
    try {
      return (this.editorOffer?.offer(mcp) ?? []).map((tool) => this.forChat(tool));
    } catch (err) {
      this.problem(`the editor's tools could not be listed: ${err instanceof Error ? err.message : String(err)}`, notes);
      return [];
    }
  }

  /** Each call's approvals on its own card, with the MCP choices. */
  private forChat(tool: Tool): Tool {
    let wrapped = this.wrapped.get(tool);
    if (!wrapped) {
      const { decisions, memory, autoAllowReadOnly } = this.options;
      wrapped = { ...tool, run: (args, ctx) => tool.run(args, { ...ctx, approver: mcpApprover(decisions, ctx.toolCallId, memory, autoAllowReadOnly) }) };
      this.wrapped.set(tool, wrapped);
    }
    return wrapped;
  }

  private problem(problem: string, notes: string[]): void {
    if (this.said.has(problem)) return;
    this.said.add(problem);
    this.options.log.warn(problem);
    notes.push(`MCP: ${problem}`);
  }
}
