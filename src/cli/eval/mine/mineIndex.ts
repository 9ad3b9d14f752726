// What mining has already looked at, so that mining again only tries new commits: the commits
// that became tasks (and the task's name) and those that were turned down (and why).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const INDEX_FILE = 'mined.json';

export interface MinedTask {
  task: string;
  /** The commit message's first line. */
  subject: string;
}

export interface MineIndex {
  /** Commit id → the task made from it. */
  mined: Record<string, MinedTask>;
  /** Commit id → why it is not a task. */
  rejected: Record<string, string>;
}

export async function readMineIndex(suite: string): Promise<MineIndex> {
  const text = await readFile(join(suite, INDEX_FILE), 'utf8').catch(() => undefined);
  if (text === undefined) return { mined: {}, rejected: {} };
  let json: Partial<MineIndex>;
  try {
    json = JSON.parse(text) as Partial<MineIndex>;
  } catch (err) {
    throw new Error(`${join(suite, INDEX_FILE)} is not valid JSON (${(err as Error).message}); fix or remove it to mine again from scratch`);
  }
  return { mined: { ...json.mined }, rejected: { ...json.rejected } };
}

export async function writeMineIndex(suite: string, index: MineIndex): Promise<void> {
  await writeFile(join(suite, INDEX_FILE), `${JSON.stringify(index, null, 2)}\n`);
}

export function alreadySeen(index: MineIndex, commit: string): boolean {
  return commit in index.mined || commit in index.rejected;
}
