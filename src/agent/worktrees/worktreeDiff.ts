// A worktree's whole change against the commit it started from: what it committed and what it
// did not, new files included (ignored ones not). The worktree's files are snapshotted into a
// tree through an index of our own, so the session's index and the user's are never touched.
import { copyFile, mkdtemp, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { git } from './git';

export type ChangeKind = 'added' | 'modified' | 'deleted';

export interface ChangedFile {
  /** Relative to the repository's top, `/`-separated. */
  path: string;
  kind: ChangeKind;
  /** Lines added and removed; undefined for a binary file. */
  added?: number;
  removed?: number;
}

export interface WorktreeDiff {
  /** The commit the change is against. */
  base: string;
  /** The tree holding the worktree's files as they are now. */
  tree: string;
  files: ChangedFile[];
  /** Lines added plus removed: the change's size. */
  lines: number;
  /** A unified diff (git's, with binary patches) that `git apply` takes. */
  patch: string;
}

/** The tree of `folder`'s files as they are now, written to the repository's object store. */
export async function snapshotTree(folder: string): Promise<string> {
  const temp = await mkdtemp(join(tmpdir(), 'ouro-index-'));
  const env = { GIT_INDEX_FILE: join(temp, 'index') };
  try {
    // A copy of the worktree's own index keeps the files' stat data, so git hashes only what changed.
    // The copy keeps the index's time too: git re-reads a file changed in the same second the index
    // was written ("racily clean"), which a newer copy would hide (a same-size edit then goes unseen).
    const own = resolve(folder, (await git(folder, ['rev-parse', '--git-path', 'index'])).trim());
    await copyIndex(own, env.GIT_INDEX_FILE).catch(() => git(folder, ['read-tree', 'HEAD'], { env }));
    await git(folder, ['add', '--all', '--', '.'], { env });
    return (await git(folder, ['write-tree'], { env })).trim();
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

async function copyIndex(from: string, to: string): Promise<void> {
  await copyFile(from, to);
  const { atime, mtime } = await stat(from);
  await utimes(to, atime, mtime);
}

/** The change from `base` to the worktree in `folder`, now. */
export async function worktreeDiff(folder: string, base: string): Promise<WorktreeDiff> {
  const tree = await snapshotTree(folder);
  return { ...(await diffTrees(folder, base, tree)), base, tree };
}

export async function diffTrees(cwd: string, base: string, tree: string): Promise<Omit<WorktreeDiff, 'base' | 'tree'>> {
  const [status, numstat, patch] = await Promise.all([
    git(cwd, ['diff', '--no-renames', '--name-status', '-z', base, tree]),
    git(cwd, ['diff', '--no-renames', '--numstat', '-z', base, tree]),
    git(cwd, ['diff', '--no-renames', '--binary', base, tree]),
  ]);
  const counts = new Map<string, { added?: number; removed?: number }>();
  for (const line of numstat.split('\0').filter(Boolean)) {
    const [added, removed, path] = line.split('\t');
    counts.set(path, added === '-' ? {} : { added: Number(added), removed: Number(removed) });
  }
  const parts = status.split('\0');
  const files: ChangedFile[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const kind: ChangeKind = parts[i] === 'A' ? 'added' : parts[i] === 'D' ? 'deleted' : 'modified';
    files.push({ path: parts[i + 1], kind, ...counts.get(parts[i + 1]) });
  }
  const lines = files.reduce((sum, file) => sum + (file.added ?? 0) + (file.removed ?? 0), 0);
  return { files, lines, patch };
}
