// A server's MCP tools as Ouro's tools: named `server__tool`, their arguments checked against the
// server's input schema, each call asking the person (naming the server, the tool and its
// arguments) unless that tool or the whole server was always allowed.
import type { Tool as McpTool } from '@modelcontextprotocol/sdk/types.js';
import { argumentsSchema, compileParameters, type ToolArguments } from '../customTools/parameterSchema';
import type { Tool } from '../tools/tool';
import { failure } from '../tools/toolFailure';
import type { McpConnection } from './mcpConnection';
import { mcpToolResult } from './mcpResult';

/** Which MCP calls run without asking: `server__tool` names, or `server__*` for all of a server's. */
export type McpAllowed = () => readonly string[];

const MAX_NAME = 64;
const MAX_DESCRIPTION = 1_000;

export function mcpToolName(server: string, tool: string): string {
  return `${server}__${tool}`.replace(/[^\w-]/g, '_').slice(0, MAX_NAME);
}

export function isMcpAllowed(allowed: readonly string[], server: string, name: string): boolean {
  return allowed.includes(name) || allowed.includes(`${mcpToolName(server, '')}*`);
}

/** The tools of one server; one that cannot be offered (a bad schema) is named in `problems`. */
export function mcpTools(connection: McpConnection, listed: readonly McpTool[], allowed: McpAllowed): { tools: Tool<ToolArguments>[]; problems: string[] } {
  const server = connection.config.name;
  const tools: Tool<ToolArguments>[] = [];
  const problems: string[] = [];
  for (const info of listed) {
    const compiled = compileParameters({ type: 'object', ...(info.inputSchema as Record<string, unknown>) });
    if (!compiled.ok) {
      problems.push(`MCP server "${server}": tool ${info.name} is left out: its ${compiled.problem}`);
      continue;
    }
    const name = mcpToolName(server, info.name);
    tools.push({
      name,
      description: (info.description ?? info.title ?? info.name).slice(0, MAX_DESCRIPTION),
      schema: argumentsSchema(info.inputSchema as Record<string, unknown>, compiled.validate),
      kind: 'execute',
      run: async (args, ctx) => {
        if (!isMcpAllowed(allowed(), server, name)) {
          const decision = await ctx.approver.approve({ kind: 'execute', title: `${info.name} from the MCP server "${server}"`, detail: JSON.stringify(args), mcp: { server, tool: info.name, readOnly: info.annotations?.readOnlyHint === true } }, ctx.signal);
          if (!decision.approved) return failure(`Not run: the user declined ${name}${decision.reason ? `: ${decision.reason}` : '.'}`);
        }
        try {
          return mcpToolResult(await connection.call(info.name, args, ctx.signal));
        } catch (err) {
          if (ctx.signal.aborted) return failure(`${name} was cancelled.`);
          return failure(`${name} failed: ${err instanceof Error ? err.message : String(err)}`);
        }
      },
    });
  }
  return { tools, problems };
}
