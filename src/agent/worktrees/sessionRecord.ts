// What is known about a worktree session between starts: a small JSON file beside its worktree
// (one per session, so two processes never write the same file), written when it starts and
// when it ends. A record still saying "running" whose process is gone was left by a crash.
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** `stopped`: the person stopped it; its changes are kept for review like a finished one's. */
export type SessionState = 'running' | 'done' | 'failed' | 'stopped';

export interface SessionRecord {
  /** `ouro/<slug>`: also the key of the session. */
  branch: string;
  title: string;
  /** The worktree's folder (absolute). */
  folder: string;
  /** The commit the worktree started from. */
  base: string;
  /** Where the workspace is inside the repository, `/`-separated; "" at the top. */
  subdir: string;
  state: SessionState;
  /** ISO times. */
  startedAt: string;
  endedAt?: string;
  /** The process that runs (or ran) it. */
  pid: number;
}

export const RECORD_SUFFIX = '.session.json';

export function recordFile(dir: string, slug: string): string {
  return join(dir, `${slug}${RECORD_SUFFIX}`);
}

export async function writeRecord(dir: string, slug: string, record: SessionRecord): Promise<void> {
  await mkdir(dir, { recursive: true });
  const file = recordFile(dir, slug);
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(record, null, 2)}\n`);
  await rename(temp, file);
}

/** Every readable record in `dir`, oldest first; a file that is not a record is passed over. */
export async function readRecords(dir: string): Promise<SessionRecord[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const records: SessionRecord[] = [];
  for (const name of names.filter((candidate) => candidate.endsWith(RECORD_SUFFIX))) {
    const record = parseRecord(await readFile(join(dir, name), 'utf8').catch(() => ''));
    if (record) records.push(record);
  }
  return records.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}

export async function removeRecord(dir: string, slug: string): Promise<void> {
  await rm(recordFile(dir, slug), { force: true });
}

function parseRecord(text: string): SessionRecord | undefined {
  try {
    const value = JSON.parse(text) as Partial<SessionRecord>;
    const strings = [value.branch, value.title, value.folder, value.base, value.subdir, value.startedAt].every((field) => typeof field === 'string');
    const state = value.state === 'running' || value.state === 'done' || value.state === 'failed' || value.state === 'stopped';
    return strings && state && typeof value.pid === 'number' ? (value as SessionRecord) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the process `pid` is still there (EPERM: there, but someone else's). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
