// A workspace made from a repository's history: the tree of one commit, with a patch applied
// (a mined task's test changes), in a folder of its own. It is a shared clone with its .git
// removed afterwards, so the agent sees the project as it was and none of its future. The
// repository's installed dependencies (node_modules, which git does not hold) are linked in, so
// its tests can run.
import { existsSync } from 'node:fs';
import { rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
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
