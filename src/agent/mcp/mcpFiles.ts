// Where MCP servers are configured: VS Code's own files (the workspace's `.vscode/mcp.json` and
// the user's `mcp.json` in VS Code's settings folder), `.ouro/mcp.json`, and files named on the
// CLI. One file for Copilot, VS Code and Ouro. Variables are filled here; inputs come from the
// host (the editor asks once; the CLI reads `OURO_MCP_INPUT_<ID>`).
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parseMcpFile, type McpOrigin, type McpServerConfig } from './mcpConfig';
import { resolveVariables } from './mcpVariables';

export const WORKSPACE_MCP_FILES = ['.vscode/mcp.json', '.ouro/mcp.json'];

/** The user's VS Code mcp.json on this platform. */
export function userMcpFile(home: string, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  if (platform === 'darwin') return path.join(home, 'Library/Application Support/Code/User/mcp.json');
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData/Roaming'), 'Code/User/mcp.json');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Code/User/mcp.json');
}

export interface McpFileSources {
  workspaceFolder: string;
  home: string;
  env: NodeJS.ProcessEnv;
  /** The user's files (their own, trusted): VS Code's user mcp.json, `--mcp-config` files. */
  userFiles: readonly string[];
  /** Answers to `${input:id}`. */
  inputs: ReadonlyMap<string, string>;
}

export async function loadMcpServers(sources: McpFileSources): Promise<{ servers: McpServerConfig[]; problems: string[] }> {
  const servers = new Map<string, McpServerConfig>();
  const problems: string[] = [];
  const read = async (file: string, shown: string, origin: McpOrigin) => {
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) return;
    const parsed = parseMcpFile(text, shown, origin);
    problems.push(...parsed.problems);
    for (const server of parsed.servers) {
      const resolved = resolveVariables(server, { env: sources.env, workspaceFolder: sources.workspaceFolder, userHome: sources.home, inputs: sources.inputs });
      if (!resolved.ok) problems.push(resolved.problem);
      // A later file's server of the same name wins: the workspace's over the user's.
      else servers.set(server.name, resolved.server);
    }
  };
  for (const file of sources.userFiles) await read(file, file.startsWith(sources.home) ? `~${file.slice(sources.home.length)}` : file, 'user');
  for (const file of WORKSPACE_MCP_FILES) await read(path.join(sources.workspaceFolder, file), file, 'workspace');
  return { servers: [...servers.values()], problems };
}

/** The CLI's answers to `${input:id}`: `OURO_MCP_INPUT_<ID>` (upper case, non-word characters as `_`). */
export function inputsFromEnv(env: NodeJS.ProcessEnv): Map<string, string> {
  const inputs = new Map<string, string>();
  for (const [name, value] of Object.entries(env)) {
    const match = /^OURO_MCP_INPUT_(.+)$/.exec(name);
    if (match && value !== undefined) inputs.set(match[1], value);
  }
  return inputs;
}
