// The editor's own tools (`vscode.lm.tools`: other extensions' tools, and the tools of the MCP
// servers VS Code itself runs) offered like an MCP server's, as if from a server called
// "vscode": named `vscode__<tool>`, their arguments checked against their schema, each call
// asking on its card (Always allow works the same), past a few deferred behind a loader of their
// own. A VS Code MCP tool (`mcp_<server>_<tool>`) whose tool Ouro's own servers already offer
// is left out: the same server would be there twice. Pure: the editor hands in its tools.
import type { Tool as McpTool } from '@modelcontextprotocol/sdk/types.js';
import { DeferredTools } from '../../agent/mcp/deferredTools';
import type { McpConnection } from '../../agent/mcp/mcpConnection';
import { EDITOR_TOOLS_SERVER } from '../../agent/mcp/mcpToolNames';
import { mcpTools, type McpAllowed } from '../../agent/mcp/mcpTools';
import type { Tool } from '../../agent/tools/tool';

export { EDITOR_TOOLS_SERVER };
export const LOAD_EDITOR_TOOLS = 'load_editor_tools';

export interface EditorToolInfo {
  name: string;
  description: string;
  inputSchema: object | undefined;
}

export interface EditorTools {
  list(): readonly EditorToolInfo[];
  /** Runs a tool; its text parts, joined. */
  invoke(name: string, input: Record<string, unknown>, signal: AbortSignal): Promise<string>;
}

export class EditorToolOffer {
  private made: { key: string; tools: Tool[] } | undefined;
  private readonly deferred = new DeferredTools(LOAD_EDITOR_TOOLS);

  constructor(
    private readonly editor: EditorTools,
    private readonly allowed: McpAllowed,
  ) {}

  /** What to offer beside `others` (the MCP servers' `server__tool` tools among them). */
  offer(others: readonly Tool[]): Tool[] {
    const theirs = new Set(others.filter((tool) => tool.name.includes('__')).map((tool) => tool.name.slice(tool.name.indexOf('__') + 2).toLowerCase()));
    const listed = this.editor.list().filter((info) => !duplicatesOurs(info.name, theirs));
    const key = JSON.stringify(listed.map((info) => info.name));
    if (this.made?.key !== key) this.made = { key, tools: this.toolsOf(listed) };
    return this.deferred.offer(this.made.tools);
  }

  private toolsOf(listed: readonly EditorToolInfo[]): Tool[] {
    // mcpTools needs only a server's name and a way to call it: the editor is that server.
    const editor = this.editor;
    const server = {
      config: { name: EDITOR_TOOLS_SERVER },
      async call(name: string, args: Record<string, unknown>, signal: AbortSignal) {
        return { content: [{ type: 'text' as const, text: await editor.invoke(name, args, signal) }] };
      },
    } as unknown as McpConnection;
    const asMcp = listed.map((info): McpTool => ({ name: info.name, description: info.description, inputSchema: { type: 'object', ...(info.inputSchema ?? {}) } as McpTool['inputSchema'] }));
    return mcpTools(server, asMcp, this.allowed).tools;
  }
}

/** `mcp_<server>_<tool>`, VS Code's name for its MCP servers' tools, with a tool Ouro offers already. */
function duplicatesOurs(name: string, ours: ReadonlySet<string>): boolean {
  if (!name.startsWith('mcp_')) return false;
  const lower = name.toLowerCase();
  return [...ours].some((tool) => lower.endsWith(`_${tool}`));
}
