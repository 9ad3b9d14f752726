// Walks a workspace folder on disk, breadth first, honouring the ignore rules: each folder's
// .gitignore is read before its entries are judged, ignored folders are never entered, and
// .git/ and node_modules/ below the starting folder are skipped. Symlinks are reported, never
// followed (following them could leave the workspace or loop).
import type { Dirent } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { GITIGNORE, isUnlistedFolderName, type IgnoreRules } from './ignoreRules';

export type WalkEntryType = 'file' | 'directory' | 'symlink';

export interface WalkEntry {
  /** Relative to the workspace folder, `/` separated. */
  relative: string;
  type: WalkEntryType;
  /** 1 for the entries of the starting folder. */
  depth: number;
}

export interface WalkOptions {
  /** The workspace folder's absolute path. */
  root: string;
  /** Folder to walk, relative to `root` ("" for the whole folder). */
  start: string;
  /** The rules, with the ignore files of `start`'s parent folders already added. */
  rules: IgnoreRules;
  recursive: boolean;
  signal?: AbortSignal;
  /** Folders to leave out besides the ignored ones. */
  skipFolder?(relative: string): boolean;
  /** Return false to stop the walk. */
  onEntry(entry: WalkEntry): boolean | void;
}

/** Folders read at once: enough to keep the file system busy, few enough not to flood it. */
const CONCURRENCY = 8;

export async function walkFolder(options: WalkOptions): Promise<void> {
  const queue: Array<{ relative: string; depth: number }> = [{ relative: options.start, depth: 1 }];
  let stopped = false;
  let next = 0;
  let active = 0;

  const visit = async (relative: string, depth: number) => {
    let dirents: Dirent[];
    try {
      dirents = await readdir(join(options.root, relative), { withFileTypes: true });
    } catch {
      return; // unreadable or vanished: leave it out
    }
    if (dirents.some((dirent) => dirent.name === GITIGNORE && dirent.isFile())) {
      const content = await readFile(join(options.root, relative, GITIGNORE), 'utf8').catch(() => '');
      options.rules.add(relative, GITIGNORE, content);
    }
    for (const dirent of dirents) {
      if (stopped) return;
      const child = relative === '' ? dirent.name : `${relative}/${dirent.name}`;
      const type: WalkEntryType | undefined = dirent.isDirectory() ? 'directory' : dirent.isFile() ? 'file' : dirent.isSymbolicLink() ? 'symlink' : undefined;
      if (type === undefined || options.rules.hidesInVisibleFolder(child, type === 'directory')) continue;
      if (type === 'directory' && (isUnlistedFolderName(dirent.name) || options.skipFolder?.(child))) continue;
      if (options.onEntry({ relative: child, type, depth }) === false) {
        stopped = true;
        return;
      }
      if (type === 'directory' && options.recursive) queue.push({ relative: child, depth: depth + 1 });
    }
  };

  await new Promise<void>((resolve, reject) => {
    const pump = () => {
      if (options.signal?.aborted) {
        stopped = true;
        return reject(options.signal.reason);
      }
      while (!stopped && active < CONCURRENCY && next < queue.length) {
        const folder = queue[next++];
        active++;
        visit(folder.relative, folder.depth).then(
          () => {
            active--;
            pump();
          },
          (error) => {
            stopped = true;
            reject(error);
          },
        );
      }
      if (active === 0 && (stopped || next === queue.length)) resolve();
    };
    pump();
  });
}
