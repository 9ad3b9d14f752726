// The MCP servers an editor passes with `session/new`, as the MCP client's configuration. They
// are the user's own (set up in their editor), so they start like those of the user's mcp.json.
import type { McpServer } from '@agentclientprotocol/sdk';
import type { McpServerConfig } from '../../agent/mcp/mcpConfig';

const SOURCE = 'the editor';

export function clientMcpServers(servers: readonly McpServer[]): McpServerConfig[] {
  return servers.map((server) => {
    if ('type' in server && (server.type === 'http' || server.type === 'sse')) {
      return { name: server.name, kind: server.type, url: server.url, headers: byName(server.headers), source: SOURCE, origin: 'user' };
    }
    return { name: server.name, kind: 'stdio', command: server.command, args: server.args, env: byName(server.env), source: SOURCE, origin: 'user' };
  });
}

function byName(entries: ReadonlyArray<{ name: string; value: string }>): Record<string, string> {
  return Object.fromEntries(entries.map((entry) => [entry.name, entry.value]));
}
