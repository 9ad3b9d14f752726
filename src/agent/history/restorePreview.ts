// What an undo or a revert is about to do, for the confirmation the user sees first: per file,
// whether it is written back or deleted, and whether someone changed it after the agent's last
// write (restoring then loses that change too). Pure.
import { contentHash, type RestoreStep } from './checkpoints';

export interface RestorePreview {
  path: string;
  /** 'delete': the agent created the file. */
  action: 'restore' | 'delete';
  /** The file is not what the agent last wrote: the user (or another tool) changed or removed it since. */
  changedSince: boolean;
}

/** `current` is each file's text now (BOM as U+FEFF), undefined when it is missing or not text. */
export function previewRestore(steps: readonly RestoreStep[], current: ReadonlyMap<string, string | undefined>): RestorePreview[] {
  return steps.map((step) => {
    const now = current.get(step.path);
    const changedSince = step.lastWritten !== undefined && (now === undefined || contentHash(now) !== step.lastWritten);
    return { path: step.path, action: step.content === null ? 'delete' : 'restore', changedSince };
  });
}

/** The confirmation's question and the list under it, one line per file. */
export function restoreQuestion(previews: readonly RestorePreview[], what: string): { message: string; detail: string } {
  const lines = previews.map((file) => `${file.action === 'delete' ? 'Delete' : 'Restore'} ${file.path}${file.changedSince ? ' (changed since Ouro wrote it: that change is lost too)' : ''}`);
  const count = previews.length === 1 ? '1 file' : `${previews.length} files`;
  return { message: `${what}? ${count} will change.`, detail: lines.join('\n') };
}
