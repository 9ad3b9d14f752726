// Which tools are MCP's, for the context meter's MCP share: the servers' tools, named
// `server__tool`, the loader that lists the deferred ones, and the tools that list and read the
// servers' resources. Of the editor's own tools (`vscode__<tool>`), only those of VS Code's MCP
// servers (`vscode__mcp_<server>_<tool>`) are: the rest are other extensions' and VS Code's.
import { LOAD_TOOLS } from './deferredTools';
import { MCP_RESOURCES } from './mcpResourcesTool';
import { READ_MCP_RESOURCE } from './readMcpResourceTool';

/** The server the editor's own tools are offered as. */
export const EDITOR_TOOLS_SERVER = 'vscode';

const OURS = new Set([LOAD_TOOLS, MCP_RESOURCES, READ_MCP_RESOURCE]);

export function isMcpToolName(name: string): boolean {
  if (name.startsWith(`${EDITOR_TOOLS_SERVER}__`)) return name.startsWith(`${EDITOR_TOOLS_SERVER}__mcp_`);
  return name.includes('__') || OURS.has(name);
}
