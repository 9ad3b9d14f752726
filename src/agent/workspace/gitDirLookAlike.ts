// Folders git would take for a git directory: a HEAD beside a config, objects or refs. One the
// model made (with `core.fsmonitor` or hooks in it) runs code when git is started there, so
// writes that make or fill one need review, and commands do not start inside one.
import { lstat, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { relativeInside } from './paths';

/** Whether `relative` (in a workspace folder's real root; "" for the root) exists, by the host's own file system. */
export type ExistsIn = (relative: string) => Promise<boolean>;

const BESIDE_HEAD = ['config', 'objects', 'refs'];

/** `exists` on the local disk, below `root`. */
export function existsOnDisk(root: string): ExistsIn {
  return (relative) => lstat(join(root, relative)).then(
    () => true,
    () => false,
  );
}

/** Whether folder `dir` looks like a git directory; `adding` names an entry a write is about to create in it. */
export async function looksLikeGitDir(exists: ExistsIn, dir: string, adding?: string): Promise<boolean> {
  const has = (name: string) => (name.toLowerCase() === adding?.toLowerCase() ? Promise.resolve(true) : exists(dir === '' ? name : `${dir}/${name}`));
  const [head, ...marks] = await Promise.all(['HEAD', ...BESIDE_HEAD].map(has));
  return head && marks.some(Boolean);
}

/** The folder (relative, "" for the root) that holds a write to `relative` and looks, or would then look, like a git directory. */
export async function gitDirAroundWrite(exists: ExistsIn, relative: string): Promise<string | undefined> {
  const segments = relative.split('/');
  const dirs = segments.map((_, depth) => ({ dir: segments.slice(0, depth).join('/'), adding: segments[depth] }));
  const found = await Promise.all(dirs.map(({ dir, adding }) => looksLikeGitDir(exists, dir, adding)));
  const index = found.lastIndexOf(true);
  return index < 0 ? undefined : dirs[index].dir;
}

/**
 * The git directory look-alike git would use for a command started in `cwd`, as git finds one:
 * from `cwd` up to the workspace root, a folder's `.git` wins, else the folder itself if it
 * looks like a git directory. The root's own `.git` (the workspace's real repository) is fine.
 */
export async function gitDirLookAlikeAt(root: string, cwd: string): Promise<string | undefined> {
  const [realRoot, realCwd] = await Promise.all([realpath(root), realpath(cwd)]).catch(() => [undefined, undefined]);
  if (realRoot === undefined || realCwd === undefined) return undefined;
  const relative = relativeInside(realRoot, realCwd);
  if (relative === undefined) return undefined;
  const exists = existsOnDisk(realRoot);
  const segments = relative === '' ? [] : relative.split('/');
  for (let depth = segments.length; depth >= 0; depth--) {
    const dir = segments.slice(0, depth).join('/');
    if (dir.toLowerCase() === '.git' || (await exists(dir === '' ? '.git' : `${dir}/.git`))) return undefined;
    if (await looksLikeGitDir(exists, dir)) return dir === '' ? '.' : dir;
  }
  return undefined;
}
