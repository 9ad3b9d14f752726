// Applying an undo or revert plan: each file written back as it was, or deleted if the agent
// created it, through a writer port (the extension applies a WorkspaceEdit, so the user can undo
// the undo; the CLI and tests write to disk). One file failing does not stop the others.
import { unlink } from 'node:fs/promises';
import { writeFileAtomic } from '../workspace/atomicWrite';
import type { NodeWorkspace } from '../workspace/nodeWorkspace';
import { encodeText } from '../workspace/text';
import type { RestoreStep } from './checkpoints';

export interface FileWriter {
  write(path: string, bytes: Uint8Array): Promise<void>;
  /** Nothing happens when the file is already gone. */
  delete(path: string): Promise<void>;
}

export interface RestoreOutcome {
  path: string;
  action: 'restored' | 'deleted';
  /** Why this file could not be restored. */
  error?: string;
}

export async function applyRestore(steps: readonly RestoreStep[], writer: FileWriter): Promise<RestoreOutcome[]> {
  const outcomes: RestoreOutcome[] = [];
  for (const step of steps) {
    const action = step.content === null ? 'deleted' : 'restored';
    try {
      if (step.content === null) await writer.delete(step.path);
      else await writer.write(step.path, step.encoding === 'base64' ? Buffer.from(step.content, 'base64') : encodeText(step.content));
      outcomes.push({ path: step.path, action });
    } catch (err) {
      outcomes.push({ path: step.path, action, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return outcomes;
}

/** Writes through the workspace's path checks, atomically. */
export function nodeFileWriter(workspace: NodeWorkspace): FileWriter {
  return {
    write: async (path, bytes) => writeFileAtomic(await workspace.absolutePath(path), bytes),
    delete: async (path) => {
      await unlink(await workspace.absolutePath(path)).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err;
      });
    },
  };
}
