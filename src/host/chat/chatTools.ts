// Adapts the agent's tools to the chat: each call's approvals go to its own card (the approver is
// bound to the call's id, and a command's card offers allow rules for it), reads ask first
// unless `ouro.autoApprove.reads` is on, and ask_user's questions wait on their card for an
// answer. Pure.
import { suggestAllowRules } from '../../agent/commands/allowSuggestion';
import { loadShellParser } from '../../agent/commands/shellParser';
import type { Approver, Tool, UserAsker } from '../../agent/tools/tool';
import type { PendingDecision } from '../../protocol/messages';
import { decisionNote } from '../../protocol/notes';
import { STOPPED_REASON, type Decision, type PendingDecisions } from './decisions';

/** Shows the question on the call's card, waits, and records the answer there. */
export async function askUser(decisions: PendingDecisions, question: PendingDecision, signal: AbortSignal, choices?: PendingDecision['choices']): Promise<Decision> {
  const decision = await decisions.wait(question, signal);
  const chosen = decision.accepted ? choices?.find((choice) => choice.id === decision.choice)?.label : undefined;
  decisions.announce(question.toolCallId, decision.accepted, chosen ?? decisionNote(decision.accepted, decision.reason));
  return decision;
}

export function approverFor(decisions: PendingDecisions, toolCallId: string): Approver {
  return {
    async approve(request, signal) {
      const allowRules = request.command === undefined ? undefined : await allowRulesFor(request.command);
      const choices = request.choices?.length ? request.choices : undefined;
      // A choice to make is not one an allow rule could make.
      const rules = choices ? undefined : allowRules;
      const question: PendingDecision = { toolCallId, kind: request.kind, title: request.title, detail: request.detail, ...(rules ? { allowRules: rules } : {}), ...(choices ? { choices } : {}) };
      const { accepted, reason, choice } = await askUser(decisions, question, signal, choices);
      return { approved: accepted, reason, ...(choice !== undefined ? { choice } : {}) };
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

/** ask_user in the chat: the question on the call's card, with its options and a box for the user's own words. */
export function questionAsker(decisions: PendingDecisions): UserAsker {
  return {
    async ask(question, toolCallId, signal) {
      const decision = await decisions.wait({ toolCallId, kind: 'question', title: question.question, ...(question.options ? { options: question.options } : {}) }, signal);
      if (decision.accepted && decision.answer !== undefined) {
        decisions.announce(toolCallId, true, `Answered: ${decision.answer}`);
        return { answered: true, text: decision.answer };
      }
      const reason = decision.reason === STOPPED_REASON ? 'The user stopped the task before answering.' : (decision.reason ?? 'The user did not answer.');
      decisions.announce(toolCallId, false, reason);
      return { answered: false, reason };
    },
  };
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
