// Checkpoints: before the agent's write to a file lands, what the file held (or that it did not
// exist), against the message whose tool call wrote it. Only what the agent changed is kept: no
// shadow repository. Undo and revert are planned here as pure functions and applied elsewhere
// (restoreFiles.ts) through a small writer port.
import { createHash } from 'node:crypto';

export interface FileCheckpoint {
  /** The file's path as the workspace shows it. */
  path: string;
  /** Index of the assistant message whose tool call changed the file. */
  messageIndex: number;
  toolCallId: string;
  /** The content before the change; null when the file did not exist. */
  before: string | null;
  /** `before` holds the bytes in base64: the file was not UTF-8 text. */
  encoding?: 'base64';
  /** Hash of what the agent wrote (contentHash), once the write was accepted; absent while in review. */
  written?: string;
}

/** What restoring one file means: write `content` back, or delete the file (null: it did not exist). */
export interface RestoreStep {
  path: string;
  content: string | null;
  encoding?: 'base64';
  /** Hash of what the agent last wrote: when the file's hash differs, someone changed it since. */
  lastWritten?: string;
}

export function contentHash(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

/** One entry per file and message is enough: undo never needs a state in between. */
export function isRecorded(checkpoints: readonly FileCheckpoint[], path: string, messageIndex: number): boolean {
  return checkpoints.some((entry) => entry.path === path && entry.messageIndex === messageIndex);
}

/**
 * "Undo the agent's changes since message `since`": every file it changed from that message on,
 * back to what it held just before the first of those changes. Files it did not change are not in it.
 */
export function planUndo(checkpoints: readonly FileCheckpoint[], since: number): RestoreStep[] {
  return restoreSteps(checkpoints.filter((entry) => entry.messageIndex >= since));
}

/** Every file the agent created or changed in the conversation, with what it held before. */
export function changedFiles(checkpoints: readonly FileCheckpoint[]): RestoreStep[] {
  return restoreSteps(checkpoints);
}

/** Revert one file to what it held before the conversation; undefined if the agent never changed it. */
export function planRevert(checkpoints: readonly FileCheckpoint[], path: string): RestoreStep | undefined {
  return restoreSteps(checkpoints.filter((entry) => entry.path === path))[0];
}

/** The checkpoints left once the plan for `since` has been applied: the files are back as they were. */
export function checkpointsBefore(checkpoints: readonly FileCheckpoint[], since: number): FileCheckpoint[] {
  return checkpoints.filter((entry) => entry.messageIndex < since);
}

export function checkpointsWithout(checkpoints: readonly FileCheckpoint[], path: string): FileCheckpoint[] {
  return checkpoints.filter((entry) => entry.path !== path);
}

/** Per file, in the order first changed: the earliest content before, the latest hash written. */
function restoreSteps(entries: readonly FileCheckpoint[]): RestoreStep[] {
  const sorted = [...entries].sort((a, b) => a.messageIndex - b.messageIndex);
  const steps = new Map<string, RestoreStep>();
  for (const entry of sorted) {
    const step = steps.get(entry.path);
    if (!step) {
      steps.set(entry.path, {
        path: entry.path,
        content: entry.before,
        ...(entry.encoding ? { encoding: entry.encoding } : {}),
        ...(entry.written ? { lastWritten: entry.written } : {}),
      });
    } else if (entry.written) {
      step.lastWritten = entry.written;
    }
  }
  return [...steps.values()];
}
