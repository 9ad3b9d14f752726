// What the person is told when a session's change conflicts with the workspace: which files and
// why, and whether applying with conflict markers is possible at all (it is not when a conflict
// has no text merge, a binary file or a delete against a change: then that file would be left
// out and the apply would be half done, so it is refused whole).
import type { ConflictedFile } from '../../agent/worktrees/applyChange';

export interface ConflictPrompt {
  message: string;
  detail: string;
  /** Every conflicting file has a text merge to write with markers. */
  markersPossible: boolean;
}

export function conflictPrompt(branch: string, conflicts: readonly ConflictedFile[]): ConflictPrompt {
  const markersPossible = conflicts.every((conflict) => conflict.merged !== undefined);
  const count = `${conflicts.length} file${conflicts.length === 1 ? '' : 's'}`;
  const lines = conflicts.map((conflict) => `${conflict.path}: ${conflict.why}`);
  const message = `${branch} conflicts with the workspace in ${count}. Nothing was applied.`;
  const next = markersPossible
    ? 'Apply with conflict markers writes every file, the conflicting ones with both sides marked, and opens them so you can resolve each.'
    : 'It cannot be applied with conflict markers: a file above has no text merge. Resolve it in the worktree or the workspace, then apply again.';
  return { message, detail: `${lines.join('\n')}\n\n${next}`, markersPossible };
}
