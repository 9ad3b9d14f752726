// The history storage on the local disk: one folder, created on the first write.
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { HistoryStorage } from './historyStorage';

export class NodeHistoryStorage implements HistoryStorage {
  constructor(private readonly folder: string) {}

  async read(name: string): Promise<string | undefined> {
    try {
      return await readFile(this.path(name), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async write(name: string, text: string): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    await writeFile(this.path(name), text, 'utf8');
  }

  rename(from: string, to: string): Promise<void> {
    return rename(this.path(from), this.path(to));
  }

  async list(): Promise<string[]> {
    try {
      return (await readdir(this.folder, { withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
  }

  delete(name: string): Promise<void> {
    return rm(this.path(name), { force: true });
  }

  /** Names are plain file names: a name with a separator or ".." is a bug, not a path. */
  private path(name: string): string {
    if (!name || name !== basename(name) || name === '..' || name === '.') throw new Error(`not a file name: ${JSON.stringify(name)}`);
    return join(this.folder, name);
  }
}
