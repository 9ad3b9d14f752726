// Where a path on the local disk really leads, and which workspace folder that is in: realpath
// for what exists, and for a new file the real path of its nearest existing parent plus the rest.
// Shared by the Node workspace and the VS Code workspace's `file:` folders.
import type { Stats } from 'node:fs';
import { lstat, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { relativeInside } from './paths';
import { WorkspaceError } from './workspace';

export interface RealTarget {
  /** The file behind any symlinks, or for a new file, its real parent plus the new part. */
  real: string;
  /** Of the real file; undefined when nothing is there yet. */
  stats?: Stats;
}

/** `lexical` (absolute) with every link resolved. `shown` names it in the error for a dangling link. */
export async function realTargetOf(lexical: string, shown: string): Promise<RealTarget> {
  if (!(await lstat(lexical).catch(() => undefined))) return { real: await realPathOfMissing(lexical) };
  const real = await realpath(lexical).catch(() => {
    throw new WorkspaceError(`${shown} is a symbolic link to something that does not exist.`);
  });
  return { real, stats: await stat(real) };
}

/** Which of the (real) roots holds `real`, the innermost when they nest, and where in it. */
export function insideRealRoots(roots: readonly string[], real: string, ignoreCase: boolean): { index: number; relative: string } | undefined {
  let best: { index: number; relative: string; length: number } | undefined;
  roots.forEach((root, index) => {
    const relative = relativeInside(root, real, { ignoreCase });
    if (relative !== undefined && (!best || root.length > best.length)) best = { index, relative, length: root.length };
  });
  return best && { index: best.index, relative: best.relative };
}

/** The real path of a folder root, or the root as given when it cannot be resolved. */
export function realRoot(root: string): Promise<string> {
  return realpath(root).catch(() => root);
}

async function realPathOfMissing(path: string): Promise<string> {
  const missing: string[] = [];
  let current = path;
  for (;;) {
    try {
      return join(await realpath(current), ...missing);
    } catch {
      const parent = dirname(current);
      if (parent === current) return path;
      missing.unshift(basename(current));
      current = parent;
    }
  }
}
