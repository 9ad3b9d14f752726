// What the model is told after write_file or edit_file proposed a change: what was written, or
// that the user changed it (with their diff, so the model builds on it instead of undoing it),
// or, after a review hunk by hunk, which changes were kept and undone, or why nothing was written.
import { describeHunkReview } from '../review/hunkReport';
import type { Proposal, ProposalOutcome } from '../workspace/workspace';
import type { ToolResult } from './tool';
import { failure } from './toolFailure';
import { userDiff } from './userDiff';

const STAGED_NOTE =
  '\n(Staged for the user to review when you finish: your reads and searches see it, but it is not on disk yet, so commands run without it until the user keeps it.)';

/** `applied` describes the write that happened, given the content that was written. */
export function describeOutcome(proposal: Proposal, outcome: ProposalOutcome, applied: (written: string) => string): ToolResult {
  switch (outcome.status) {
    case 'accepted': {
      // New problems come last, so the model reads them as the next thing to fix.
      const problems = outcome.problems ? `\n${outcome.problems}` : '';
      if (outcome.undone) return { content: describeHunkReview({ path: proposal.path, original: proposal.original ?? '', proposed: proposal.content, written: outcome.content, undone: new Set(outcome.undone) }) + (outcome.staged ? STAGED_NOTE : '') + problems };
      const text = applied(outcome.content) + (outcome.staged ? STAGED_NOTE : '');
      if (!outcome.userModified) return { content: text + problems };
      const diff = userDiff(proposal.path, proposal.content, outcome.content);
      return { content: `${text}\nThe user edited your proposal before accepting it; build on their version, do not undo it. Their changes to your proposal:\n${diff}${problems}` };
    }
    case 'rejected':
      return failure(`The change to ${proposal.path} was rejected${outcome.reason ? `: ${endSentence(outcome.reason)}` : '.'} Nothing was written.`);
    case 'conflict':
      return failure(`${outcome.message} Nothing was written: read ${proposal.path} again and redo the change on its current content.`);
    default: {
      const unexpected: never = outcome;
      return failure(`Unexpected review outcome: ${JSON.stringify(unexpected)}`);
    }
  }
}

/** The user's reason as they typed it, closed with a full stop so the next sentence stands apart. */
function endSentence(reason: string): string {
  const trimmed = reason.trim();
  return /[.!?…]["')\]]*$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
