// Runs git as a program (never through a shell), in a folder, and says clearly when a folder is
// not in a repository: worktree sessions need git.
import { execFile } from 'node:child_process';

export class GitError extends Error {}

const NO_GIT = 'worktree sessions need git, and git is not installed here';

/** Git's variables that would point a command at another repository or index than the folder's own. */
const REPOSITORY_VARIABLES = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_COMMON_DIR', 'GIT_PREFIX'];

export interface GitOptions {
  /** Added to the environment (GIT_INDEX_FILE for a snapshot's own index). */
  env?: Record<string, string>;
  /** Exit codes that are answers, not failures (merge-file's conflict count, diff --exit-code). */
  okCodes?: readonly number[];
}

export interface GitResult {
  stdout: Buffer;
  code: number;
}

/** `git ARGS` in `cwd`; rejects with git's own message when it fails. */
export async function git(cwd: string, args: readonly string[], options: GitOptions = {}): Promise<string> {
  return (await gitBytes(cwd, args, options)).stdout.toString('utf8');
}

export function gitBytes(cwd: string, args: readonly string[], options: GitOptions = {}): Promise<GitResult> {
  const env: Record<string, string | undefined> = { ...process.env, GIT_TERMINAL_PROMPT: '0', ...options.env };
  for (const name of REPOSITORY_VARIABLES) if (!options.env?.[name]) delete env[name];
  return new Promise((resolve, reject) => {
    execFile('git', [...args], { cwd, env, encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error?.code === 'ENOENT') return reject(new GitError(NO_GIT));
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      if (!error || options.okCodes?.includes(code)) return resolve({ stdout, code });
      const reason = stderr.toString('utf8').trim().split('\n').at(-1) || error.message;
      reject(new GitError(`git ${args[0]} failed: ${reason}`));
    });
  });
}

export interface Repository {
  /** The repository's top folder (its main working tree), real path. */
  root: string;
  /** Where the workspace is inside it, `/`-separated; "" at the top. */
  subdir: string;
  /** The commit checked out now. */
  head: string;
}

/** The repository `folder` is in, or an error a person can act on. */
export async function repositoryOf(folder: string): Promise<Repository> {
  let top: string;
  let prefix: string;
  try {
    [top, prefix] = (await git(folder, ['rev-parse', '--show-toplevel', '--show-prefix'])).split('\n');
  } catch (err) {
    throw new GitError(err instanceof Error && err.message === NO_GIT ? NO_GIT : `worktree sessions need git: ${folder} is not in a git repository (run \`git init\` and make a first commit)`);
  }
  const head = await git(top, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']).catch(() => '');
  if (!head.trim()) throw new GitError(`worktree sessions need a first commit: ${top} has none yet`);
  return { root: top, subdir: prefix.replace(/\/$/, ''), head: head.trim() };
}
