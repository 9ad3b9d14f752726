// Worktree sessions of one repository: each is a `git worktree` on its own branch (`ouro/<slug>`)
// in a folder outside the workspace, with a record beside it. The CLI and the editor both use this
// class: create one, run a session's tools with a workspace rooted at its `root`, then list, diff,
// apply or discard. Nothing here assumes a single running session.
import { createHash } from 'node:crypto';
import { mkdir, realpath, rm } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { relativeInside } from '../workspace/paths';
import { realTargetOf } from '../workspace/realTarget';
import { applyChange, type ApplyResult } from './applyChange';
import { BRANCH_PREFIX, numberedSlug, slugOf } from './branchName';
import { checkCopyEntries, copyIntoWorktree, type CopyEntry } from './copyFiles';
import { git, GitError, repositoryOf, type Repository } from './git';
import { processAlive, readRecords, removeRecord, writeRecord, type SessionRecord, type SessionState } from './sessionRecord';
import { worktreeDiff, type WorktreeDiff } from './worktreeDiff';

export interface WorktreeSessionsOptions {
  /** The workspace folder (in a git repository). */
  workspace: string;
  /** Where worktrees go: a folder outside the repository (one subfolder per repository is made in it). */
  folder: string;
  /** The process running new sessions; this one by default. */
  pid?: number;
}

export interface WorktreeSession extends SessionRecord {
  /** Where the session's workspace is rooted: the worktree's copy of the workspace folder. */
  root: string;
}

/** As listed: "interrupted" is a record saying running whose process is gone (a crash). */
export type ListedState = SessionState | 'interrupted';

export interface ListedSession extends WorktreeSession {
  listedState: ListedState;
  /** False when the worktree's folder is gone (removed by hand). */
  present: boolean;
}

export interface CreateOptions {
  title: string;
  /** The commit or branch to start from; the workspace's HEAD by default. */
  base?: string;
  /** Files to copy from the workspace into the new worktree. */
  copy?: readonly CopyEntry[];
}

export class WorktreeSessions {
  private constructor(
    readonly repository: Repository,
    private readonly workspace: string,
    /** This repository's folder of worktrees and records. */
    readonly folder: string,
    private readonly pid: number,
  ) {}

  /** Throws a GitError a person can act on when the workspace is not in a repository. */
  static async open(options: WorktreeSessionsOptions): Promise<WorktreeSessions> {
    const workspace = await realpath(resolve(options.workspace));
    const repository = await repositoryOf(workspace);
    const parent = (await realTargetOf(resolve(options.folder), options.folder)).real;
    if (relativeInside(repository.root, parent) !== undefined) throw new GitError(`the worktrees' folder ${options.folder} is inside the repository: choose one outside it`);
    const key = `${basename(repository.root)}-${createHash('sha256').update(repository.root).digest('hex').slice(0, 8)}`;
    return new WorktreeSessions(repository, workspace, join(parent, key), options.pid ?? process.pid);
  }

  /** A new worktree on a new branch, recorded as running; files in `copy` are copied into it. */
  async create(options: CreateOptions): Promise<WorktreeSession & { notCopied: string[] }> {
    checkCopyEntries(options.copy ?? []);
    const base = (await git(this.repository.root, ['rev-parse', '--verify', `${options.base ?? 'HEAD'}^{commit}`])).trim();
    const slug = slugOf(options.title);
    await mkdir(this.folder, { recursive: true });
    for (let n = 1; ; n++) {
      const name = numberedSlug(slug, n);
      const branch = `${BRANCH_PREFIX}${name}`;
      const folder = join(this.folder, name);
      if (await this.taken(branch, folder)) continue;
      try {
        await git(this.repository.root, ['worktree', 'add', '--quiet', '-b', branch, folder, base]);
      } catch (err) {
        // Another process took the name between the look and the add: try the next.
        if (n < 50 && (await this.taken(branch, folder))) continue;
        throw err;
      }
      const record: SessionRecord = { branch, title: options.title, folder, base, subdir: this.repository.subdir, state: 'running', startedAt: new Date().toISOString(), pid: this.pid };
      await writeRecord(this.folder, name, record);
      const session = this.withRoot(record);
      try {
        const notCopied = await copyIntoWorktree(this.workspace, session.root, options.copy ?? []);
        return { ...session, notCopied };
      } catch (err) {
        await this.discard(branch);
        throw err;
      }
    }
  }

  /** Every recorded session of this repository, oldest first. */
  async list(): Promise<ListedSession[]> {
    const records = await readRecords(this.folder);
    const present = new Set((await git(this.repository.root, ['worktree', 'list', '--porcelain'])).split('\n').filter((line) => line.startsWith('worktree ')).map((line) => line.slice('worktree '.length)));
    return records.map((record) => ({
      ...this.withRoot(record),
      listedState: record.state === 'running' && !processAlive(record.pid) ? 'interrupted' : record.state,
      present: present.has(record.folder),
    }));
  }

  /** The session on `branch` (with or without its `ouro/`). */
  async get(branch: string): Promise<WorktreeSession> {
    return this.withRoot(await this.record(branch));
  }

  /** Records how the session ended. */
  async finish(branch: string, state: Exclude<SessionState, 'running'>): Promise<void> {
    const record = await this.record(branch);
    await writeRecord(this.folder, slugFromBranch(record.branch), { ...record, state, endedAt: new Date().toISOString() });
  }

  /** Records that a finished session runs again (a follow-up), in this process. */
  async resume(branch: string): Promise<WorktreeSession> {
    const { endedAt: _ended, ...record } = await this.record(branch);
    const running: SessionRecord = { ...record, state: 'running', pid: this.pid };
    await writeRecord(this.folder, slugFromBranch(record.branch), running);
    return this.withRoot(running);
  }

  /** Its whole change against the commit it started from, uncommitted and new files included. */
  async diff(branch: string): Promise<WorktreeDiff> {
    const session = await this.get(branch);
    return worktreeDiff(session.folder, session.base);
  }

  /** A three-way merge of its change onto the workspace as it is now; with a conflict nothing is written unless `onConflict` is 'markers'. */
  async apply(branch: string, options: { onConflict?: 'stop' | 'markers' } = {}): Promise<ApplyResult> {
    const session = await this.get(branch);
    const change = await worktreeDiff(session.folder, session.base);
    return applyChange({ repository: this.repository.root, workspace: this.workspace, subdir: this.repository.subdir, base: change.base, tree: change.tree, files: change.files, onConflict: options.onConflict });
  }

  /** Removes the worktree, its branch and its record; what is already gone is passed over. */
  async discard(branch: string): Promise<void> {
    const session = await this.get(branch);
    await git(this.repository.root, ['worktree', 'remove', '--force', session.folder]).catch(async () => {
      await rm(session.folder, { recursive: true, force: true });
      await git(this.repository.root, ['worktree', 'prune']);
    });
    await git(this.repository.root, ['branch', '-D', session.branch]).catch(() => undefined);
    await removeRecord(this.folder, slugFromBranch(session.branch));
  }

  private async record(branch: string): Promise<SessionRecord> {
    const record = (await readRecords(this.folder)).find((candidate) => candidate.branch === branch || candidate.branch === `${BRANCH_PREFIX}${branch}`);
    if (!record) throw new GitError(`there is no worktree session ${branch}`);
    return record;
  }

  private withRoot(record: SessionRecord): WorktreeSession {
    return { ...record, root: record.subdir ? join(record.folder, ...record.subdir.split('/')) : record.folder };
  }

  private async taken(branch: string, folder: string): Promise<boolean> {
    const exists = await git(this.repository.root, ['show-ref', '--verify', '--quiet', `refs/heads/${branch}`]).then(() => true, () => false);
    return exists || (await realpath(folder).then(() => true, () => false));
  }
}

function slugFromBranch(branch: string): string {
  return branch.startsWith(BRANCH_PREFIX) ? branch.slice(BRANCH_PREFIX.length) : branch;
}
