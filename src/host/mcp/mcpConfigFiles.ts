// The editor's MCP configuration as written, before any variable is filled: the user's mcp.json
// (VS Code's, next to its settings.json), then the workspace's .vscode/mcp.json and
// .ouro/mcp.json (a later file's server of the same name wins, as in the CLI). `text` is what
// was read, so the caller can tell when nothing changed.
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parseMcpFile, type McpInput, type McpServerConfig } from '../../agent/mcp/mcpConfig';
import { WORKSPACE_MCP_FILES } from '../../agent/mcp/mcpFiles';

export interface McpConfiguration {
  servers: McpServerConfig[];
  inputs: McpInput[];
  problems: string[];
  text: string;
}

export async function readMcpConfiguration(userFile: string, folder: string | undefined): Promise<McpConfiguration> {
  const files = [{ file: userFile, shown: 'your mcp.json', origin: 'user' as const }, ...(folder ? WORKSPACE_MCP_FILES.map((file) => ({ file: path.join(folder, file), shown: file, origin: 'workspace' as const })) : [])];
  const servers = new Map<string, McpServerConfig>();
  const out: McpConfiguration = { servers: [], inputs: [], problems: [], text: '' };
  for (const { file, shown, origin } of files) {
    const text = await readFile(file, 'utf8').catch(() => undefined);
    out.text += `${file}\n${text ?? ''}\n`;
    if (text === undefined) continue;
    const parsed = parseMcpFile(text, shown, origin);
    out.problems.push(...parsed.problems);
    out.inputs.push(...parsed.inputs);
    for (const server of parsed.servers) servers.set(server.name, server);
  }
  out.servers = [...servers.values()];
  return out;
}
