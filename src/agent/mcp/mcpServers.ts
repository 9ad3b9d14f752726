// The session's MCP servers: their tools join the others before every step (a server starts the
// first time its tools are wanted, and one that failed is tried again after its pause), and all
// of them stop with the session. A workspace's servers are the repository's and start only when
// the person trusts them; until then they are listed as waiting, with their command line.
import type { Tool } from '../tools/tool';
import { toolsForStep, type ToolSet, type ToolSource } from '../toolSource';
import type { McpServerConfig } from './mcpConfig';
import { McpConnection, type McpConnectionOptions } from './mcpConnection';
import { mcpTools, type McpAllowed } from './mcpTools';

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
  private readonly toolCounts = new Map<string, number>();
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

  /** A ToolSource: `base`'s tools, then every started server's. */
  withTools(base: readonly Tool[] | ToolSource): ToolSource {
    return async (signal) => {
      const set = await toolsForStep(base, signal);
      const notes = [...(set.notes ?? [])];
      const tools = [...set.tools];
      for (const connection of this.connections) {
        try {
          const offered = mcpTools(connection, await connection.tools(), this.options.allowed);
          this.toolCounts.set(connection.config.name, offered.tools.length);
          tools.push(...offered.tools);
          offered.problems.forEach((problem) => this.problem(problem));
        } catch (err) {
          this.problem(err instanceof Error ? err.message : String(err));
        }
      }
      return { tools, ...(notes.length ? { notes } : {}) } satisfies ToolSet;
    };
  }

  status(): McpServerStatus[] {
    return [
      ...this.connections.map((connection) => ({
        name: connection.config.name,
        state: connection.state,
        target: targetOf(connection.config),
        tools: this.toolCounts.get(connection.config.name) ?? 0,
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
