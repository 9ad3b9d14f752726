// The session's MCP servers: their tools join the others before every step (a server starts the
// first time its tools are wanted, and one that failed is tried again after its pause), and all
// of them stop with the session. A workspace's servers are the repository's and start only when
// the person trusts them; until then they are listed as waiting, with their command line. The
// running servers' prompts are the chat's `/mcp.<server>.<prompt>` commands.
import type { Tool as McpTool } from '@modelcontextprotocol/sdk/types.js';
import type { Tool } from '../tools/tool';
import { toolsForStep, type ToolSet, type ToolSource } from '../toolSource';
import type { McpServerConfig } from './mcpConfig';
import { DeferredTools } from './deferredTools';
import { McpConnection, type McpConnectionOptions } from './mcpConnection';
import { mcpPromptCommand, promptMessageText, type McpPromptEntry } from './mcpPrompts';
import { mcpResourcesTool } from './mcpResourcesTool';
import { mcpTools, type McpAllowed } from './mcpTools';
import { readMcpResourceTool } from './readMcpResourceTool';

export interface McpServerStatus {
  name: string;
  state: 'untrusted' | 'stopped' | 'starting' | 'running' | 'failed';
  /** What starts it: the command line, or the address. */
  target: string;
  tools: number;
  error?: string;
}

export class McpServers {
  private readonly connections: McpConnection[] = [];
  private readonly untrusted: McpServerConfig[] = [];
  private readonly made = new Map<McpConnection, { listed: readonly McpTool[]; tools: Tool[] }>();
  private readonly deferred = new DeferredTools();
  /** Offered while some running server has resources. */
  private readonly resourceTools = [mcpResourcesTool(() => this.offeringResources()), readMcpResourceTool(() => this.offeringResources())];
  /** Problems said once (a tool left out, a server that did not start). */
  private readonly said = new Set<string>();

  constructor(
    servers: readonly McpServerConfig[],
    private readonly options: McpConnectionOptions & { allowed: McpAllowed; trusted: (server: McpServerConfig) => boolean; onProblem?: (problem: string) => void },
  ) {
    for (const server of servers) {
      if (server.origin === 'workspace' && !options.trusted(server)) this.untrusted.push(server);
      else this.connections.push(new McpConnection(server, options));
    }
  }

  /**
   * A ToolSource: `base`'s tools, the resource tools while a running server has resources, then
   * the servers' tools (past a few, deferred: see DeferredTools).
   * The same tools give the same list, so their specs are not made again.
   */
  withTools(base: readonly Tool[] | ToolSource): ToolSource {
    let last: Tool[] = [];
    return async (signal) => {
      const set = await toolsForStep(base, signal);
      const mcp = this.deferred.offer(await this.mcpTools());
      const tools = [...set.tools, ...(this.offeringResources().length ? this.resourceTools : []), ...mcp];
      if (tools.length !== last.length || tools.some((tool, i) => tool !== last[i])) last = tools;
      return { tools: last, ...(set.notes?.length ? { notes: set.notes } : {}) } satisfies ToolSet;
    };
  }

  /** Every server's tools, made again only when a server listed them again (after a restart). */
  private async mcpTools(): Promise<Tool[]> {
    const all: Tool[] = [];
    for (const connection of this.connections) {
      try {
        const listed = await connection.tools();
        let made = this.made.get(connection);
        if (made?.listed !== listed) {
          const offered = mcpTools(connection, listed, this.options.allowed);
          offered.problems.forEach((problem) => this.problem(problem));
          made = { listed, tools: offered.tools };
          this.made.set(connection, made);
        }
        all.push(...made.tools);
      } catch (err) {
        this.problem(err instanceof Error ? err.message : String(err));
      }
    }
    return all;
  }

  /** The running servers' prompts, as slash commands; a server that cannot list them is left out (and said once). */
  async prompts(signal: AbortSignal): Promise<McpPromptEntry[]> {
    const entries: McpPromptEntry[] = [];
    for (const connection of this.connections.filter((each) => each.offersPrompts)) {
      const server = connection.config.name;
      try {
        for (const prompt of await connection.prompts(signal)) entries.push({ command: mcpPromptCommand(server, prompt.name), server, prompt });
      } catch (err) {
        this.problem(`the MCP server "${server}" could not list its prompts: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return entries;
  }

  /** The prompt filled in with `values`, as the text of one user message. */
  async getPrompt(entry: McpPromptEntry, values: Record<string, string>, signal: AbortSignal): Promise<string> {
    const connection = this.connections.find((each) => each.config.name === entry.server);
    if (!connection) throw new Error(`the MCP server "${entry.server}" is not running`);
    return promptMessageText(await connection.getPrompt(entry.prompt.name, values, signal));
  }

  private offeringResources(): McpConnection[] {
    return this.connections.filter((connection) => connection.offersResources);
  }

  status(): McpServerStatus[] {
    return [
      ...this.connections.map((connection) => ({
        name: connection.config.name,
        state: connection.state,
        target: targetOf(connection.config),
        tools: this.made.get(connection)?.tools.length ?? 0,
        ...(connection.error ? { error: connection.error } : {}),
      })),
      ...this.untrusted.map((server) => ({ name: server.name, state: 'untrusted' as const, target: targetOf(server), tools: 0 })),
    ];
  }

  async close(): Promise<void> {
    await Promise.all(this.connections.map((connection) => connection.close()));
  }

  private problem(problem: string): void {
    if (this.said.has(problem)) return;
    this.said.add(problem);
    this.options.onProblem?.(problem);
  }
}

export function targetOf(server: McpServerConfig): string {
  return server.kind === 'stdio' ? [server.command, ...server.args].join(' ') : server.url;
}
