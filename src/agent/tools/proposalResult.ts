// What the model is told after write_file or edit_file proposed a change: what was written, or
// that the user changed it (with their diff, so the model builds on it instead of undoing it),
// or why nothing was written.
import { createTwoFilesPatch } from 'diff';
import type { Proposal, ProposalOutcome } from '../workspace/workspace';
import type { ToolResult } from './tool';
import { failure } from './toolFailure';

const MAX_DIFF_LINES = 200;
const STAGED_NOTE =
  '\n(Staged for the user to review when you finish: your reads and searches see it, but it is not on disk yet, so commands run without it until the user keeps it.)';

/** `applied` describes the write that happened, given the content that was written. */
export function describeOutcome(proposal: Proposal, outcome: ProposalOutcome, applied: (written: string) => string): ToolResult {
  switch (outcome.status) {
    case 'accepted': {
      // New problems come last, so the model reads them as the next thing to fix.
      const problems = outcome.problems ? `\n${outcome.problems}` : '';
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

/** A unified diff from what was proposed to what the user accepted, without the file header. */
export function userDiff(path: string, proposed: string, written: string): string {
  const patch = createTwoFilesPatch(path, path, proposed, written, 'proposed', 'accepted', { context: 2 });
  const lines = patch.split('\n');
  const body = lines.slice(lines.findIndex((line) => line.startsWith('---'))).filter((line, i, all) => line !== '' || i < all.length - 1);
  if (body.length <= MAX_DIFF_LINES) return body.join('\n');
  return [...body.slice(0, MAX_DIFF_LINES), `[${body.length - MAX_DIFF_LINES} more diff lines not shown; read the file to see all of it.]`].join('\n');
}

/** The user's reason as they typed it, closed with a full stop so the next sentence stands apart. */
function endSentence(reason: string): string {
  const trimmed = reason.trim();
  return /[.!?…]["')\]]*$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
