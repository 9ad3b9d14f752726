// The card that asks to trust a workspace's MCP servers: they are the repository's, which anyone
// may have written, and a stdio server is a program that runs as the person. It names each
// server's command line (or address); the answer is kept for the workspace with that line.
import { targetOf } from '../../agent/mcp/mcpServers';
import type { McpServerConfig } from '../../agent/mcp/mcpConfig';
import type { PendingDecisions } from '../chat/decisions';
import type { McpMemory } from './mcpMemory';

export const TRUST_CHOICE = 'trust';
/** The card's name in the chat. */
export const TRUST_CARD = 'MCP servers';

let asked = 0;

/** Asks, and records the answer; a Stop leaves them unanswered (asked again next time). */
export async function askToTrust(servers: readonly McpServerConfig[], decisions: PendingDecisions, memory: McpMemory, signal: AbortSignal): Promise<boolean> {
  const toolCallId = `mcp-trust-${Date.now()}-${++asked}`;
  const names = servers.map((server) => server.name).join(', ');
  const decision = await decisions.wait(
    {
      toolCallId,
      kind: 'execute',
      toolName: TRUST_CARD,
      title: `Start the MCP server${servers.length === 1 ? '' : 's'} this workspace configures?`,
      detail: servers.map((server) => `${server.name} (${server.source}): ${targetOf(server)}`).join('\n'),
      choices: [{ id: TRUST_CHOICE, label: 'Trust' }],
      rejectLabel: "Don't trust",
    },
    signal,
  );
  if (signal.aborted) return false;
  const entries = servers.map((server) => ({ name: server.name, target: targetOf(server) }));
  await memory.setTrust(entries, decision.accepted ? 'trusted' : 'declined');
  decisions.announce(toolCallId, decision.accepted, decision.accepted ? `Trusted: ${names}` : `Not trusted: ${names} (trust them later in the MCP server list)`);
  return decision.accepted;
}
