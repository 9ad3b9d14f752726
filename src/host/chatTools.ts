// Adapts the agent's tools to the chat: each call's approvals go to its own card (the approver is
// bound to the call's id), and reads ask first unless `ouro.autoApprove.reads` is on. Pure.
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
      const { accepted, reason } = await askUser(decisions, { toolCallId, kind: request.kind, title: request.title, detail: request.detail }, signal);
      return { approved: accepted, reason };
    },
  };
}

export function chatTools(tools: readonly Tool[], decisions: PendingDecisions, autoApproveReads: () => boolean): Tool[] {
  return tools.map((tool) => ({
    ...tool,
    run: async (args, ctx) => {
      if (tool.kind === 'read' && !autoApproveReads()) {
        const question = { toolCallId: ctx.toolCallId, kind: 'read' as const, title: `Let Ouro run ${tool.name}?`, detail: JSON.stringify(args, null, 2) };
        const { accepted, reason } = await askUser(decisions, question, ctx.signal);
        if (!accepted) return { content: `The user did not allow this read${reason ? `: ${reason}` : '.'}`, isError: true };
      }
      return tool.run(args, { ...ctx, approver: approverFor(decisions, ctx.toolCallId) });
    },
  }));
}
