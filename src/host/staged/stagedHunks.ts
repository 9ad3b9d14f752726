// A staged file's hunks, and keeping some of them: what per-hunk Keep/Undo in the staged diff
// builds on (the hunk indexes are those of hunksOf, in file order).
import { hunksOf, type Hunk } from '../../agent/review/hunks';
import type { CommitResult } from '../../agent/workspace/stagedWorkspace';
import type { StagedReview } from './stagedReview';

/** The hunks between the file before the agent's first staged change and its staged content; none when nothing is staged. */
export function stagedHunks(review: StagedReview, path: string): Hunk[] {
  const file = review.get(path);
  return file ? hunksOf(file.original ?? '', file.content) : [];
}

/** Writes the staged hunks of `path` except those in `undone`; the model hears exactly which. */
export function keepStagedHunks(review: StagedReview, path: string, undone: ReadonlySet<number>): Promise<CommitResult> {
  return review.keep(path, undone);
}
