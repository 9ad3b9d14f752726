// The CLI's MCP servers: VS Code's user mcp.json and --mcp-config files (the user's own), the
// workspace's .vscode/mcp.json and .ouro/mcp.json (started only with --trust-mcp or --approve
// all), inputs from OURO_MCP_INPUT_<ID>, and the servers an editor passes for its session (the
// user's own, through their editor); problems on stderr, one line each.
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import type { McpServerConfig } from '../agent/mcp/mcpConfig';
import { inputsFromEnv, loadMcpServers, userMcpFile } from '../agent/mcp/mcpFiles';
import { McpServers } from '../agent/mcp/mcpServers';
import type { CliOptions } from './args';

export async function startMcp(options: CliOptions, cwd: string, stderr: { write(text: string): void } = process.stderr, extra: readonly McpServerConfig[] = []): Promise<McpServers> {
  const home = homedir();
  const loaded = await loadMcpServers({
    workspaceFolder: cwd,
    home,
    env: process.env,
    userFiles: [userMcpFile(home, process.platform, process.env), ...options.mcpConfig.map((file) => resolve(cwd, file))],
    inputs: inputsFromEnv(process.env),
  });
  for (const problem of loaded.problems) stderr.write(`mcp: ${problem}\n`);
  const trusted = options.trustMcp || options.approve === 'all';
  const servers = new McpServers([...loaded.servers, ...extra], {
    cwd,
    allowed: () => options.allowMcp,
    trusted: () => trusted,
    onProblem: (problem) => stderr.write(`mcp: ${problem}\n`),
  });
  const waiting = servers.status().filter((server) => server.state === 'untrusted');
  if (waiting.length) stderr.write(`mcp: the workspace's servers ${waiting.map((server) => `${server.name} (${server.target})`).join(', ')} did not start: pass --trust-mcp to start them\n`);
  return servers;
}
