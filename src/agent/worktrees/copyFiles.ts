// The files a new worktree needs that git does not carry (`.env.example` → `.env`): copied from
// the repository into the worktree. Both ends must stay inside their trees, judged on the real
// paths (a link that leads out is refused like a `..`).
import { copyFile, mkdir, realpath } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { realTargetOf } from '../workspace/realTarget';
import { relativeInside } from '../workspace/paths';

export interface CopyEntry {
  /** Relative to the repository's workspace folder. */
  from: string;
  /** Relative to the worktree's workspace folder; `from` when absent. */
  to?: string;
}

export class CopyError extends Error {}

/** Refuses, before anything is created, an entry whose text leaves its tree. */
export function checkCopyEntries(entries: readonly CopyEntry[]): void {
  for (const entry of entries) {
    for (const path of [entry.from, entry.to ?? entry.from]) {
      if (!path.trim() || isAbsolute(path) || /^[a-zA-Z]:/.test(path) || path.split(/[\\/]/).includes('..')) {
        throw new CopyError(`cannot copy ${entry.from}${entry.to ? ` to ${entry.to}` : ''}: ${JSON.stringify(path)} is not a path inside the repository`);
      }
    }
  }
}

/** Copies each entry; a source that is not there is reported, not fatal. Returns what it could not copy. */
export async function copyIntoWorktree(source: string, target: string, entries: readonly CopyEntry[]): Promise<string[]> {
  checkCopyEntries(entries);
  const [sourceRoot, targetRoot] = await Promise.all([realpath(source), realpath(target)]);
  const skipped: string[] = [];
  for (const entry of entries) {
    const from = await realTargetOf(join(source, entry.from), entry.from);
    if (relativeInside(sourceRoot, from.real) === undefined) throw new CopyError(`cannot copy ${entry.from}: it leads outside the repository`);
    if (!from.stats?.isFile()) {
      skipped.push(`${entry.from}: ${from.stats ? 'not a file' : 'not there'}`);
      continue;
    }
    const to = await realTargetOf(join(target, entry.to ?? entry.from), entry.to ?? entry.from);
    if (relativeInside(targetRoot, to.real) === undefined) throw new CopyError(`cannot copy to ${entry.to ?? entry.from}: it leads outside the worktree`);
    if (to.stats && !to.stats.isFile()) throw new CopyError(`cannot copy to ${entry.to ?? entry.from}: something else is there`);
    await mkdir(dirname(to.real), { recursive: true });
    await copyFile(from.real, to.real);
  }
  return skipped;
}
