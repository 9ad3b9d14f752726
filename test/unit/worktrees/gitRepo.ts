// Real git repositories in temp folders for the worktree tests, with an identity of their own.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const IDENTITY = ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false'];

export function gitIn(cwd: string, ...args: string[]): string {
  const env = { ...process.env };
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE']) delete env[name];
  return execFileSync('git', [...IDENTITY, ...args], { cwd, encoding: 'utf8', env });
}

export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** A repository with `files` in its first commit, and a folder for worktrees beside it; removed after each test. */
export function useGitRepos(): { repo(files: Record<string, string>): { root: string; worktrees: string } } {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return {
    repo(files) {
      const dir = realpathSync(mkdtempSync(join(tmpdir(), 'ouro-wt-')));
      made.push(dir);
      const root = join(dir, 'project');
      mkdirSync(root);
      writeFiles(root, files);
      gitIn(root, 'init', '--quiet', '--initial-branch=main');
      gitIn(root, 'add', '--all');
      gitIn(root, 'commit', '--quiet', '-m', 'first');
      return { root, worktrees: join(dir, 'worktrees') };
    },
  };
}
