// A workspace made from a repository's history: the tree of one commit, with a patch applied
// (a mined task's test changes), in a folder of its own. It is a shared clone with its .git
// removed afterwards, so the agent sees the project as it was and none of its future. The
// repository's installed dependencies (node_modules, which git does not hold) are linked in, so
// its tests can run.
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { git } from './gitRun';

export interface GitSource {
  /** The repository (absolute). */
  repo: string;
  commit: string;
  /** A patch file to apply on top (absolute), when there is one. */
  patch?: string;
}

/** Fills `dest` (which must not exist or be empty) with the files of `source`. */
export async function checkOutGitSource(source: GitSource, dest: string, signal?: AbortSignal): Promise<void> {
  await git(source.repo, ['clone', '--quiet', '--shared', '--no-checkout', source.repo, dest], signal);
  await git(dest, ['-c', 'advice.detachedHead=false', 'checkout', '--quiet', '--detach', source.commit], signal);
  if (source.patch) await git(dest, ['apply', '--whitespace=nowarn', source.patch], signal);
  await rm(join(dest, '.git'), { recursive: true, force: true });
  for (const installed of INSTALLED) {
    if (existsSync(join(source.repo, installed)) && !existsSync(join(dest, installed))) await symlink(join(source.repo, installed), join(dest, installed), 'junction');
  }
}

const INSTALLED = ['node_modules'];

/**
 * Puts the files the patch made (a mined task's tests) back into `workspace` as the patch left
 * them, so the check judges the agent's code against the real tests, not tests it rewrote.
 */
export async function restorePatchedFiles(source: GitSource, workspace: string, signal?: AbortSignal): Promise<void> {
  if (!source.patch) return;
  const paths = patchedPaths(await readFile(source.patch, 'utf8'));
  if (paths.length === 0) return;
  const pristine = await mkdtemp(join(tmpdir(), 'ouro-tests-'));
  try {
    const tree = join(pristine, 'tree');
    await checkOutGitSource(source, tree, signal);
    for (const path of paths) {
      await rm(join(workspace, path), { recursive: true, force: true });
      if (!existsSync(join(tree, path))) continue;
      await mkdir(dirname(join(workspace, path)), { recursive: true });
      await cp(join(tree, path), join(workspace, path));
    }
  } finally {
    await rm(pristine, { recursive: true, force: true });
  }
}

/** The files a git patch writes, as `+++ b/PATH` names them (never above its root). */
export function patchedPaths(patch: string): string[] {
  const paths = [...patch.matchAll(/^\+\+\+ b\/(.+)$/gm)].map((match) => match[1]);
  return paths.filter((path) => !path.startsWith('"') && !path.split('/').some((part) => part === '..' || part === ''));
}
