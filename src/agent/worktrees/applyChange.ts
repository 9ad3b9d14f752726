// Applies a worktree's change onto the workspace as it is now (which may have moved on since the
// worktree started): a three-way merge per file of base (where the worktree started), ours (the
// workspace now) and theirs (the worktree). Every file is merged in memory first; only when none
// conflicts (or the caller wants the conflict markers written) is anything written, so a failed
// apply leaves the workspace as it was.
import { lstat, mkdtemp, readFile, realpath, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../workspace/atomicWrite';
import { realTargetOf } from '../workspace/realTarget';
import { relativeInside } from '../workspace/paths';
import { git, gitBytes } from './git';
import type { ChangedFile } from './worktreeDiff';

export interface ConflictedFile {
  /** Relative to the workspace folder, `/`-separated. */
  path: string;
  why: string;
  /** The three versions, for an editor's merge view; undefined where the file is absent (or binary). */
  base?: string;
  ours?: string;
  theirs?: string;
  /** The merge with conflict markers, when the three are text. */
  merged?: string;
}

export type AppliedOutcome = 'written' | 'merged' | 'deleted' | 'unchanged';

export interface ApplyResult {
  /** False when a conflict stopped it: then nothing was written. */
  applied: boolean;
  files: { path: string; outcome: AppliedOutcome | 'conflict' }[];
  conflicts: ConflictedFile[];
}

export interface ApplyOptions {
  /** The repository's top, where git runs. */
  repository: string;
  /** The workspace folder inside it that receives the change, and its place there ("" at the top). */
  workspace: string;
  subdir: string;
  base: string;
  tree: string;
  files: readonly ChangedFile[];
  /** 'stop' (default): with any conflict, write nothing. 'markers': write conflicting files with markers. */
  onConflict?: 'stop' | 'markers';
}

interface Planned {
  path: string;
  target: string;
  outcome: AppliedOutcome;
  /** undefined: delete. */
  content?: Buffer;
  executable?: boolean;
}

export async function applyChange(options: ApplyOptions): Promise<ApplyResult> {
  const workspaceRoot = await realpath(options.workspace);
  const planned: Planned[] = [];
  const conflicts: ConflictedFile[] = [];
  const files: ApplyResult['files'] = [];
  for (const file of options.files) {
    const path = options.subdir ? relativeInside(options.subdir, file.path) : file.path;
    if (path === undefined || path === '') {
      conflicts.push({ path: file.path, why: 'it is outside the workspace folder' });
      files.push({ path: file.path, outcome: 'conflict' });
      continue;
    }
    const target = await realTargetOf(join(options.workspace, path), path).catch(() => undefined);
    if (!target || relativeInside(workspaceRoot, target.real) === undefined) {
      conflicts.push({ path, why: 'it leads outside the workspace folder' });
      files.push({ path, outcome: 'conflict' });
      continue;
    }
    const [base, theirs, ours] = await Promise.all([blob(options.repository, options.base, file.path), blob(options.repository, options.tree, file.path), readIfFile(target.real)]);
    const result = await mergeOne(base, ours, theirs);
    if ('why' in result) {
      conflicts.push({ path, why: result.why, ...texts({ base, ours, theirs }), ...(result.merged ? { merged: result.merged.toString('utf8') } : {}) });
      files.push({ path, outcome: 'conflict' });
      if (result.merged && options.onConflict === 'markers') planned.push({ path, target: target.real, outcome: 'merged', content: result.merged });
      continue;
    }
    const executable = theirs ? await isExecutable(options.repository, options.tree, file.path) : undefined;
    planned.push({ path, target: target.real, ...result, ...(executable ? { executable } : {}) });
    files.push({ path, outcome: result.outcome });
  }
  if (conflicts.length > 0 && options.onConflict !== 'markers') return { applied: false, files, conflicts };
  for (const plan of planned) {
    if (plan.outcome === 'unchanged') continue;
    if (plan.content === undefined) await unlink(plan.target).catch(() => undefined);
    else await writeFileAtomic(plan.target, plan.content, plan.executable ? { mode: 0o755 } : {});
  }
  return { applied: true, files, conflicts };
}

type Merge = { outcome: AppliedOutcome; content?: Buffer } | { why: string; merged?: Buffer };

/** One file's three-way merge; `undefined` is a file that is not there. */
async function mergeOne(base: Buffer | undefined, ours: Buffer | undefined, theirs: Buffer | undefined): Promise<Merge> {
  if (same(ours, theirs)) return { outcome: 'unchanged', content: ours };
  if (same(ours, base)) return theirs ? { outcome: 'written', content: theirs } : { outcome: 'deleted' };
  if (same(theirs, base)) return { outcome: 'unchanged', content: ours };
  if (!theirs) return { why: 'the session deleted it and it was changed here since' };
  if (!ours) return { why: 'the session changed it and it was deleted here since' };
  if ([base, ours, theirs].some((bytes) => bytes && isBinary(bytes))) return { why: 'a binary file changed both here and in the session' };
  const { merged, conflicts } = await mergeFile(ours, base ?? Buffer.alloc(0), theirs);
  return conflicts === 0 ? { outcome: 'merged', content: merged } : { why: `${conflicts} conflicting change${conflicts === 1 ? '' : 's'}`, merged };
}

/** `git merge-file` on temp copies; its exit code is the number of conflicts. */
async function mergeFile(ours: Buffer, base: Buffer, theirs: Buffer): Promise<{ merged: Buffer; conflicts: number }> {
  const temp = await mkdtemp(join(tmpdir(), 'ouro-merge-'));
  try {
    const names = ['workspace', 'base', 'session'].map((name) => join(temp, name));
    await Promise.all([ours, base, theirs].map((bytes, i) => writeFile(names[i], bytes)));
    const result = await gitBytes(temp, ['merge-file', '-p', '-L', 'workspace', '-L', 'base', '-L', 'session', ...names], { okCodes: Array.from({ length: 127 }, (_, i) => i + 1) });
    return { merged: result.stdout, conflicts: result.code };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/** A file's content in `tree` as it would be checked out here (line endings and filters applied), so it compares with the workspace's. */
async function blob(repository: string, tree: string, path: string): Promise<Buffer | undefined> {
  const result = await gitBytes(repository, ['cat-file', '--filters', `${tree}:${path}`], { okCodes: [128] });
  return result.code === 0 ? result.stdout : undefined;
}

async function isExecutable(repository: string, tree: string, path: string): Promise<boolean> {
  const entry = await git(repository, ['ls-tree', tree, '--', path]);
  return entry.startsWith('100755');
}

async function readIfFile(path: string): Promise<Buffer | undefined> {
  const info = await lstat(path).catch(() => undefined);
  return info?.isFile() ? readFile(path) : undefined;
}

function same(a: Buffer | undefined, b: Buffer | undefined): boolean {
  return a === undefined || b === undefined ? a === b : a.equals(b);
}

function isBinary(bytes: Buffer): boolean {
  return bytes.subarray(0, 8000).includes(0);
}

function texts(versions: Record<'base' | 'ours' | 'theirs', Buffer | undefined>): Partial<Record<'base' | 'ours' | 'theirs', string>> {
  const out: Partial<Record<'base' | 'ours' | 'theirs', string>> = {};
  for (const [key, bytes] of Object.entries(versions) as [keyof typeof versions, Buffer | undefined][]) if (bytes && !isBinary(bytes)) out[key] = bytes.toString('utf8');
  return out;
}
