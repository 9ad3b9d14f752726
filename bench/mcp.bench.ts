// What MCP costs in every request: the tool specs of the two reference servers
// (@modelcontextprotocol/server-everything and server-filesystem, started for real over stdio),
// sent whole as the peers do, and as Ouro sends them (names and a line each in load_tools until
// the model loads some), in tokens (o200k, as counted by gpt-tokenizer).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode } from 'gpt-tokenizer';
import type { McpServerConfig } from '../src/agent/mcp/mcpConfig';
import { McpConnection } from '../src/agent/mcp/mcpConnection';
import { McpServers } from '../src/agent/mcp/mcpServers';
import { mcpTools } from '../src/agent/mcp/mcpTools';
import { toolSpecs } from '../src/agent/toolSpecs';
import type { Tool } from '../src/agent/tools/tool';

const ROOT = join(__dirname, '..');
const tokens = (tools: readonly Tool[]) => encode(JSON.stringify(toolSpecs(tools).map((spec) => ({ type: 'function', function: spec })))).length;

export async function run(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ouro-bench-mcp-'));
  const server = (name: string, file: string, args: string[]): McpServerConfig => ({ name, kind: 'stdio', command: process.execPath, args: [join(ROOT, 'node_modules/@modelcontextprotocol', file), ...args], env: {}, source: 'bench', origin: 'user' });
  const configs = [server('everything', 'server-everything/dist/index.js', ['stdio']), server('files', 'server-filesystem/dist/index.js', [dir])];
  const servers = new McpServers(configs, { cwd: dir, allowed: () => [], trusted: () => true });
  const connections = configs.map((config) => new McpConnection(config, { cwd: dir }));
  try {
    const whole = (await Promise.all(connections.map(async (connection) => mcpTools(connection, await connection.tools(), () => []).tools))).flat();
    const deferred = (await servers.withTools([])(new AbortController().signal)).tools;
    const sent = tokens(whole);
    const ours = tokens(deferred);
    return [
      `${whole.length} MCP tools from two reference servers`,
      `sent whole (as the peers do)   ${sent.toLocaleString('en')} tokens on every request`,
      `sent by Ouro (load_tools)      ${ours.toLocaleString('en')} tokens (${Math.round((100 * ours) / sent)}%), plus each loaded tool's own spec once loaded`,
    ];
  } finally {
    await Promise.all([servers.close(), ...connections.map((connection) => connection.close())]);
    rmSync(dir, { recursive: true, force: true });
  }
}
