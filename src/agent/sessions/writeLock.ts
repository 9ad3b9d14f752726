// The workspace's write lock: of the sessions that work in the workspace itself (the chat's
// turn, a session started "here"), one writes at a time. A session takes it at its first write
// and keeps it until it ends; another that wants to write meanwhile waits its turn (first come,
// first served) and is told who it waits for. Stopping a waiting session takes it out of the
// queue; a session that fails or stops releases the lock in its `finally`.
import type { Workspace } from '../workspace/workspace';
import { withPropose } from '../workspace/withPropose';

interface Waiter {
  owner: string;
  grant(): void;
}

export class WorkspaceWriteLock {
  private holder: string | undefined;
  private readonly waiting: Waiter[] = [];

  /** Who writes now. */
  get owner(): string | undefined {
    return this.holder;
  }

  /**
   * Resolves once `owner` holds the lock (at once when it is free or already `owner`'s);
   * `onWait` is told, once, who holds it when it must wait. Rejects when `signal` aborts first.
   */
  acquire(owner: string, options: { signal?: AbortSignal; onWait?: (holder: string) => void } = {}): Promise<void> {
    if (this.holder === undefined || this.holder === owner) {
      this.holder = owner;
      return Promise.resolve();
    }
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(stopped());
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        owner,
        grant: () => {
          signal?.removeEventListener('abort', abort);
          resolve();
        },
      };
      const abort = () => {
        const at = this.waiting.indexOf(waiter);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(stopped());
      };
      signal?.addEventListener('abort', abort, { once: true });
      this.waiting.push(waiter);
      options.onWait?.(this.holder!);
    });
  }

  /** Lets the next waiting session write; a release by one that does not hold it is ignored. */
  release(owner: string): void {
    if (this.holder !== owner) return;
    const next = this.waiting.shift();
    this.holder = next?.owner;
    next?.grant();
  }
}

/** `workspace` whose writes first take the lock for `owner` (kept until the owner releases it). */
export function lockedWrites(workspace: Workspace, lock: WorkspaceWriteLock, owner: string, options: { signal?: AbortSignal; onWait?: (holder: string) => void; onHeld?: () => void } = {}): Workspace {
  return withPropose(workspace, async (proposal, signal) => {
    await lock.acquire(owner, { signal: signal ?? options.signal, onWait: options.onWait });
    options.onHeld?.();
    return workspace.propose(proposal, signal);
  });
}

function stopped(): Error {
  const error = new Error('stopped while waiting for another session to finish writing in this workspace');
  error.name = 'AbortError';
  return error;
}
