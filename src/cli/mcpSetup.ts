// The CLI's MCP servers: VS Code's user mcp.json and --mcp-config files (the user's own), the
// workspace's .vscode/mcp.json and .ouro/mcp.json (started only with --trust-mcp or --approve
// all), inputs from OURO_MCP_INPUT_<ID>, and the servers an editor passes for its session (the
// user's own, through their editor); problems on stderr, one line each. A remote server that
// asks for OAuth is signed in to through the browser, and the tokens kept in the config folder.
// A stdio server runs in the command sandbox, as commands do, but with the network.
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { serverSandbox } from '../agent/commands/sandbox/sandboxedServer';
import { sandboxSupport } from '../agent/commands/sandbox/sandboxSupport';
import type { McpServerConfig } from '../agent/mcp/mcpConfig';
import { inputsFromEnv, loadMcpServers, userMcpFile } from '../agent/mcp/mcpFiles';
import { McpServers } from '../agent/mcp/mcpServers';
import type { CliOptions } from './args';
import { McpTokenFile, ouroConfigFolder } from './mcpTokenFile';
import { openSignInPage } from './openBrowser';

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
  // stdio servers run in the command sandbox where there is one (--sandbox), with the network.
  const support = options.sandbox ? await sandboxSupport() : undefined;
  const servers = new McpServers([...loaded.servers, ...extra], {
    cwd,
    allowed: () => options.allowMcp,
    trusted: () => trusted,
    ...(support && support.kind !== 'none' ? { sandbox: serverSandbox({ sandbox: support, root: cwd }) } : {}),
    auth: { store: new McpTokenFile(ouroConfigFolder(home, process.env)), openBrowser: (url, server) => openSignInPage(url, server, stderr) },
    onProblem: (problem) => stderr.write(`mcp: ${problem}\n`),
  });
  const waiting = servers.status().filter((server) => server.state === 'untrusted');
  if (waiting.length) stderr.write(`mcp: the workspace's servers ${waiting.map((server) => `${server.name} (${server.target})`).join(', ')} did not start: pass --trust-mcp to start them\n`);
  return servers;
}
