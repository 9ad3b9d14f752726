// What a worktree session costs on a large repository: a generated repository of 10,000 files
// (about 1 KB each, in folders of 100), then a session made and discarded through WorktreeSessions,
// as the editor and the CLI do, several times: the median time to create and to remove, beside
// plain `git worktree add` and `git worktree remove` of the same tree (taken in turn with them, so
// both see the same disk), and the disk the worktree takes (its files, and what .git grew by).
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorktreeSessions } from '../src/agent/worktrees/worktreeSessions';
import { median } from './stats';

const FILES = Number(process.env.BENCH_WORKTREE_FILES ?? 10_000);
const RUNS = Number(process.env.BENCH_WORKTREE_RUNS ?? 5);
const WORDS = ['alpha', 'branch', 'cursor', 'delta', 'editor', 'folder', 'gutter', 'hunk', 'index', 'journal', 'kernel', 'lexer', 'merge', 'node', 'offset', 'parser', 'query', 'range', 'stream', 'token', 'upload', 'vector', 'window', 'yield', 'zone'];

export async function run(): Promise<string[]> {
  const scratch = mkdtempSync(join(tmpdir(), 'ouro-bench-worktrees-'));
  try {
    const repo = join(scratch, 'repo');
    const git = makeRepository(repo, FILES);
    const sessions = await WorktreeSessions.open({ workspace: repo, folder: join(scratch, 'worktrees') });
    const gitBefore = diskOf(join(repo, '.git'));
    const created: number[] = [];
    const removed: number[] = [];
    let worktreeDisk = { bytes: 0, files: 0 };
    let gitGrowth = 0;
    const plainAdd: number[] = [];
    const plainRemove: number[] = [];
    // Turn about, each step on a flushed disk: the one before it writes 10,000 files, and their
    // writeback would otherwise land on whichever step comes next.
    const timed = async <T>(into: number[], step: () => T | Promise<T>): Promise<T> => {
      execFileSync('sync');
      const started = performance.now();
      const result = await step();
      into.push(performance.now() - started);
      return result;
    };
    for (let i = 0; i < RUNS; i++) {
      const session = await timed(created, () => sessions.create({ title: `bench ${i}` }));
      if (i === 0) {
        worktreeDisk = diskOf(session.folder, '.git');
        gitGrowth = diskOf(join(repo, '.git')).bytes - gitBefore.bytes;
      }
      await timed(removed, () => sessions.discard(session.branch));
      if (existsSync(session.folder)) throw new Error(`the worktree ${session.folder} is still there after discard`);
      const folder = join(scratch, `plain-${i}`);
      await timed(plainAdd, () => git('worktree', 'add', '--quiet', '-b', `plain-${i}`, folder, 'HEAD'));
      await timed(plainRemove, () => git('worktree', 'remove', '--force', folder));
    }
    const create = median(created);
    const remove = median(removed);
    return [
      `a repository of ${FILES.toLocaleString('en')} files (${mb(gitBefore.bytes)} in .git), median of ${RUNS}`,
      `create a session    ${create.toFixed(0)} ms   (git worktree add alone: ${median(plainAdd).toFixed(0)} ms, x${(create / median(plainAdd)).toFixed(2)})`,
      `discard it          ${remove.toFixed(0)} ms   (git worktree remove alone: ${median(plainRemove).toFixed(0)} ms, x${(remove / median(plainRemove)).toFixed(2)})`,
      `disk per session    ${mb(worktreeDisk.bytes)} in ${worktreeDisk.files.toLocaleString('en')} files, and .git grew by ${mb(gitGrowth)} (its index and worktree record); all of it goes with Discard`,
    ];
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** A repository with `count` files in folders of 100, committed once and packed; returns its git. */
function makeRepository(repo: string, count: number): (...args: string[]) => string {
  mkdirSync(repo, { recursive: true });
  // Files that differ as a project's do (not near copies, which git would store as long delta chains).
  let seed = 1;
  const word = () => WORDS[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % WORDS.length];
  for (let i = 0; i < count; i++) {
    const folder = join(repo, 'src', `part${Math.floor(i / 100)}`);
    if (i % 100 === 0) mkdirSync(folder, { recursive: true });
    const lines = Array.from({ length: 20 }, (_, n) => `export const ${word()}${n} = '${word()} ${word()} ${word()} ${word()}';`);
    writeFileSync(join(folder, `file${i}.ts`), `// file ${i}\n${lines.join('\n')}\n`);
  }
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  git('init', '-q');
  // No gc starting by itself in the middle of a measurement; packed once, as a repository of that size is.
  git('config', 'gc.auto', '0');
  git('add', '.');
  git('commit', '-qm', 'start');
  git('gc', '--quiet');
  return git;
}

/** The disk a folder takes (allocated blocks where the OS counts them, else the files' sizes), `skip` left out. */
function diskOf(folder: string, skip?: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name === skip) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      const inner = diskOf(path);
      bytes += inner.bytes;
      files += inner.files;
    } else {
      const stat = lstatSync(path);
      bytes += stat.blocks ? stat.blocks * 512 : stat.size;
      files++;
    }
  }
  return { bytes, files };
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
