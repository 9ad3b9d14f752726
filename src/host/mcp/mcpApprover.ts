// An MCP tool call's card: the server, the tool and its arguments, with Allow, Always allow this
// tool, Always allow this server, and Deny; "always" is kept for the workspace. Tools that say
// they only read run without asking when `ouro.mcp.autoAllowReadOnly` is on. Other approvals
// (none today) go to the chat's usual card.
import type { Approver } from '../../agent/tools/tool';
import { approverFor } from '../chat/chatTools';
import { STOPPED_REASON, type PendingDecisions } from '../chat/decisions';
import { decisionNote, STOPPED_NOTE } from '../../protocol/notes';
import { EDITOR_TOOLS_SERVER } from './editorToolOffer';
import type { McpMemory } from './mcpMemory';

export const MCP_CHOICES = { once: 'allow', tool: 'always-tool', server: 'always-server' } as const;

export function mcpApprover(decisions: PendingDecisions, toolCallId: string, memory: McpMemory, autoAllowReadOnly: () => boolean): Approver {
  const fallback = approverFor(decisions, toolCallId);
  return {
    async approve(request, signal) {
      const mcp = request.mcp;
      if (!mcp) return fallback.approve(request, signal);
      if (mcp.readOnly && autoAllowReadOnly()) return { approved: true };
      const editor = mcp.server === EDITOR_TOOLS_SERVER;
      const decision = await decisions.wait(
        {
          toolCallId,
          kind: 'execute',
          title: editor ? `${mcp.tool}, a tool of the editor` : `${mcp.tool} from the MCP server "${mcp.server}"`,
          detail: prettyArguments(request.detail),
          choices: [
            { id: MCP_CHOICES.once, label: 'Allow' },
            { id: MCP_CHOICES.tool, label: 'Always allow this tool' },
            { id: MCP_CHOICES.server, label: editor ? "Always allow the editor's tools" : `Always allow ${mcp.server}` },
          ],
          rejectLabel: 'Deny',
        },
        signal,
      );
      if (!decision.accepted) {
        decisions.announce(toolCallId, false, decision.reason === STOPPED_REASON ? STOPPED_NOTE : decisionNote(false, decision.reason));
        return { approved: false, ...(decision.reason ? { reason: decision.reason } : {}) };
      }
      if (decision.choice === MCP_CHOICES.tool || decision.choice === MCP_CHOICES.server) {
        const rule = await memory.allow(mcp.server, decision.choice === MCP_CHOICES.tool ? mcp.tool : undefined);
        decisions.announce(toolCallId, true, `Always allowed in this workspace: ${rule}`);
      } else decisions.announce(toolCallId, true, 'Allowed');
      return { approved: true };
    },
  };
}

function prettyArguments(detail: string | undefined): string | undefined {
  if (detail === undefined) return undefined;
  try {
    return JSON.stringify(JSON.parse(detail), null, 2);
  } catch {
    return detail;
  }
}
