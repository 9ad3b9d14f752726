// What MCP costs in every request: the first request of a chat (the system prompt, the built-in
// tools and a one-line task) with the two reference servers connected
// (@modelcontextprotocol/server-everything and server-filesystem, started for real over stdio):
// their tool specs sent whole as the peers do, and as Ouro sends them (names and a line each in
// load_tools until the model loads some), in tokens (o200k), as the context meter counts them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contextBreakdown } from '../src/agent/context/contextBreakdown';
import { RequestMeter } from '../src/agent/context/requestSize';
import { loadTokenCounter } from '../src/agent/context/tokenCounter';
import type { Message } from '../src/agent/conversation';
import { LOAD_TOOLS } from '../src/agent/mcp/deferredTools';
import type { McpServerConfig } from '../src/agent/mcp/mcpConfig';
import { McpConnection } from '../src/agent/mcp/mcpConnection';
import { McpServers } from '../src/agent/mcp/mcpServers';
import { mcpTools } from '../src/agent/mcp/mcpTools';
import { buildSystemPrompt } from '../src/agent/prompt';
import { createTools } from '../src/agent/tools/index';
import type { Tool } from '../src/agent/tools/tool';
import { toolSpecs } from '../src/agent/toolSpecs';

const ROOT = join(__dirname, '..');

export async function run(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ouro-bench-mcp-'));
  const server = (name: string, file: string, args: string[]): McpServerConfig => ({ name, kind: 'stdio', command: process.execPath, args: [join(ROOT, 'node_modules/@modelcontextprotocol', file), ...args], env: {}, source: 'bench', origin: 'user' });
  const configs = [server('everything', 'server-everything/dist/index.js', ['stdio']), server('files', 'server-filesystem/dist/index.js', [dir])];
  const servers = new McpServers(configs, { cwd: dir, allowed: () => [], trusted: () => true });
  const connections = configs.map((config) => new McpConnection(config, { cwd: dir }));
  try {
    const counter = await loadTokenCounter('gpt-4o');
    const view: Message[] = [
      { role: 'system', content: buildSystemPrompt({ folders: ['project'], os: 'linux', shell: '/bin/bash' }) },
      { role: 'user', content: 'Read note.txt and tell me what it says.' },
    ];
    const prompt = (tools: readonly Tool[]) => contextBreakdown(view, toolSpecs(tools), new RequestMeter(counter), counter);
    const builtIn = createTools();
    const whole = (await Promise.all(connections.map(async (connection) => mcpTools(connection, await connection.tools(), () => []).tools))).flat();
    const deferred = (await servers.withTools(builtIn)(new AbortController().signal)).tools;
    // Without deferral: the same tools with every MCP tool whole in place of the loader.
    const undeferred = [...deferred.filter((tool) => tool.name !== LOAD_TOOLS), ...whole];
    const [none, sent, ours] = [prompt(builtIn), prompt(undeferred), prompt(deferred)];
    const number = (n: number) => n.toLocaleString('en');
    return [
      `${whole.length} MCP tools from two reference servers; the first request of a chat (system prompt, built-in tools, a one-line task):`,
      `no MCP server                  ${number(none.total)} tokens`,
      `MCP sent whole (as the peers)  ${number(sent.total)} tokens, of them MCP ${number(sent.mcpToolSpecs)}`,
      `MCP deferred (load_tools)      ${number(ours.total)} tokens, of them MCP ${number(ours.mcpToolSpecs)} (${Math.round((100 * ours.mcpToolSpecs) / sent.mcpToolSpecs)}% of whole), plus each loaded tool's own spec once loaded`,
    ];
  } finally {
    await Promise.all([servers.close(), ...connections.map((connection) => connection.close())]);
    rmSync(dir, { recursive: true, force: true });
  }
}
