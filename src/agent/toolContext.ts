// The ToolContext the loop hands a tool: the real workspace and approver, wrapped so that every
// review and approval shows up in the event stream (the chat view and the CLI read it there).
import type { CommandRunner } from './commands/commandRunner';
import type { Hooks } from './hooks/hooks';
import type { DiagnosticsSource } from './diagnostics';
import type { AgentEvent } from './events';
import { lineCounts } from './tools/changedLines';
import type { StagedChanges } from './tools/runApproval';
import type { Approver, ToolContext, UserAsker } from './tools/tool';
import type { Proposal, ProposalOutcome, Workspace } from './workspace/workspace';
import { withPropose } from './workspace/withPropose';

export interface ContextBase {
  workspace: Workspace;
  approver: Approver;
  signal: AbortSignal;
  commands?: CommandRunner;
  diagnostics?: DiagnosticsSource;
  asker?: UserAsker;
  staged?: StagedChanges;
  hooks?: Hooks;
}

export function createToolContext(base: ContextBase, toolCallId: string, emit: (event: AgentEvent) => void): ToolContext {
  return {
    workspace: reportingWorkspace(base.workspace, emit),
    approver: reportingApprover(base.approver, toolCallId, emit),
    signal: base.signal,
    toolCallId,
    emit,
    ...(base.commands ? { commands: base.commands } : {}),
    ...(base.diagnostics ? { diagnostics: base.diagnostics } : {}),
    ...(base.asker ? { asker: base.asker } : {}),
    ...(base.staged ? { staged: base.staged } : {}),
  };
}

function reportingWorkspace(workspace: Workspace, emit: (event: AgentEvent) => void): Workspace {
  return withPropose(workspace, async (proposal: Proposal, signal?: AbortSignal): Promise<ProposalOutcome> => {
    const id = proposal.toolCallId;
    emit({ type: 'approval_request', id, toolCallId: id, kind: 'edit', title: proposal.path, detail: proposal.summary, lines: lineCounts(proposal.original ?? '', proposal.content) });
    try {
      const outcome = await workspace.propose(proposal, signal);
      emit({ type: 'approval_result', id, approved: outcome.status === 'accepted', ...reasonOf(outcome) });
      return outcome;
    } catch (err) {
      emit({ type: 'approval_result', id, approved: false, reason: err instanceof Error ? err.message : String(err) });
      throw err;
    }
  });
}

function reasonOf(outcome: ProposalOutcome): { reason?: string } {
  if (outcome.status === 'rejected' && outcome.reason) return { reason: outcome.reason };
  if (outcome.status === 'conflict') return { reason: outcome.message };
  return {};
}

function reportingApprover(approver: Approver, toolCallId: string, emit: (event: AgentEvent) => void): Approver {
  return {
    async approve(request, signal) {
      const choices = request.choices?.length ? { choices: request.choices } : {};
      emit({ type: 'approval_request', id: toolCallId, toolCallId, kind: request.kind, title: request.title, ...(request.detail ? { detail: request.detail } : {}), ...choices });
      try {
        const decision = await approver.approve(request, signal);
        emit({ type: 'approval_result', id: toolCallId, approved: decision.approved, ...(decision.reason ? { reason: decision.reason } : {}), ...(decision.choice ? { choice: decision.choice } : {}) });
        return decision;
      } catch (err) {
        emit({ type: 'approval_result', id: toolCallId, approved: false, reason: err instanceof Error ? err.message : String(err) });
        throw err;
      }
    },
  };
}
