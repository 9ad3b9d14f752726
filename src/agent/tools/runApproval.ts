// The decision before a command or a self-made tool runs. A command the rules do not cover asks;
// and any command asks while the agent has staged changes (review at the end), since it would run
// on a disk without them: the person keeps them and runs, runs without them, or cancels.
import type { StagedSummary } from '../workspace/stagedWorkspace';
import type { ApprovalRequest, ToolContext, ToolResult } from './tool';
import { failure } from './toolFailure';

/** What a run needs of the staged changes: what is pending, and keeping it all. */
export interface StagedChanges {
  pending(): StagedSummary[];
  /** Writes every staged change; resolves with what the model should hear. */
  keepAll(signal: AbortSignal): Promise<string>;
}

export const KEEP_AND_RUN = 'keep';
export const RUN_WITHOUT = 'without';

export type RunDecision = { run: true; note?: string } | { run: false; result: ToolResult };

/**
 * Asks when `mustAsk` or changes are staged, and settles the staged changes as the person chose.
 * `refused` words the refusal: "The user did not allow this command".
 */
export async function decideRun(ctx: ToolContext, request: ApprovalRequest, mustAsk: boolean, refused: string): Promise<RunDecision> {
  const pending = ctx.staged?.pending() ?? [];
  if (!mustAsk && !pending.length) return { run: true };
  const staged = pending.length
    ? {
        detail: [request.detail, `${pending.length === 1 ? 'A staged change is' : `${pending.length} staged changes are`} not on disk yet: ${pending.map(describe).join(', ')}.`].filter(Boolean).join(' '),
        choices: [
          { id: KEEP_AND_RUN, label: 'Keep these and run' },
          { id: RUN_WITHOUT, label: 'Run without them' },
        ],
      }
    : {};
  const decision = await ctx.approver.approve({ ...request, ...staged }, ctx.signal);
  if (!decision.approved) return { run: false, result: failure(`${refused}${decision.reason ? `: ${decision.reason}` : '.'}`) };
  if (!pending.length || !ctx.staged) return { run: true };
  if (decision.choice === RUN_WITHOUT) {
    return { run: true, note: `It ran without your staged changes to ${pending.map((file) => file.path).join(', ')}: the user chose to keep them off the disk for now.` };
  }
  return { run: true, note: `Before it ran, the user kept your staged changes. ${await ctx.staged.keepAll(ctx.signal)}` };
}

function describe(file: StagedSummary): string {
  return `${file.path} (${file.isNew ? 'new, ' : ''}+${file.added} −${file.removed})`;
}

/** The run's result with the note about staged changes first, where there is one. */
export function withRunNote(result: ToolResult, decision: { note?: string }): ToolResult {
  return decision.note ? { ...result, content: `${decision.note}\n${result.content}` } : result;
}
