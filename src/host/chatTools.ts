// Adapts the agent's tools to the chat: each call's approvals go to its own card (the approver is
// bound to the call's id, and a command's card offers allow rules for it), and reads ask first
// unless `ouro.autoApprove.reads` is on. Pure.
import { suggestAllowRules } from '../agent/commands/allowSuggestion';
import { loadShellParser } from '../agent/commands/shellParser';
import type { Approver, Tool } from '../agent/tools/tool';
import type { PendingDecision } from '../protocol/messages';
import { decisionNote } from '../protocol/notes';
import type { Decision, PendingDecisions } from './decisions';

/** Shows the question on the call's card, waits, and records the answer there. */
export async function askUser(decisions: PendingDecisions, question: PendingDecision, signal: AbortSignal): Promise<Decision> {
  const decision = await decisions.wait(question, signal);
  decisions.announce(question.toolCallId, decision.accepted, decisionNote(decision.accepted, decision.reason));
  return decision;
}

export function approverFor(decisions: PendingDecisions, toolCallId: string): Approver {
  return {
    async approve(request, signal) {
      const allowRules = request.command === undefined ? undefined : await allowRulesFor(request.command);
      const question: PendingDecision = { toolCallId, kind: request.kind, title: request.title, detail: request.detail, ...(allowRules ? { allowRules } : {}) };
      const { accepted, reason } = await askUser(decisions, question, signal);
      return { approved: accepted, reason };
    },
  };
}

/** The rules "Always allow" would add; none when no rule can allow the line (or the parser is missing). */
async function allowRulesFor(command: string): Promise<string[] | undefined> {
  try {
    return suggestAllowRules(command, await loadShellParser());
  } catch {
    return undefined;
  }
}

export function chatTools(tools: readonly Tool[], decisions: PendingDecisions, autoApproveReads: () => boolean): Tool[] {
  return tools.map((tool) => chatTool(tool, decisions, autoApproveReads));
}

export function chatTool(tool: Tool, decisions: PendingDecisions, autoApproveReads: () => boolean): Tool {
  return {
    ...tool,
    run: async (args, ctx) => {
      if (tool.kind === 'read' && !autoApproveReads()) {
        const question = { toolCallId: ctx.toolCallId, kind: 'read' as const, title: `Let Ouro run ${tool.name}?`, detail: JSON.stringify(args, null, 2) };
        const { accepted, reason } = await askUser(decisions, question, ctx.signal);
        if (!accepted) return { content: `The user did not allow this read${reason ? `: ${reason}` : '.'}`, isError: true };
      }
      return tool.run(args, { ...ctx, approver: approverFor(decisions, ctx.toolCallId) });
    },
  };
}
