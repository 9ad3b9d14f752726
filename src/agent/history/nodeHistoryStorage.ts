// The history storage on the local disk: one folder, created on the first write.
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { HistoryStorage } from './historyStorage';

export class NodeHistoryStorage implements HistoryStorage {
  constructor(private readonly folder: string) {}

  async read(name: string): Promise<string | undefined> {
    const bytes = await this.readBytes(name);
    return bytes === undefined ? undefined : new TextDecoder().decode(bytes);
  }

  write(name: string, text: string): Promise<void> {
    return this.writeBytes(name, new TextEncoder().encode(text));
  }

  async readBytes(name: string): Promise<Uint8Array | undefined> {
    try {
      return await readFile(this.path(name));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async writeBytes(name: string, bytes: Uint8Array): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    await writeFile(this.path(name), bytes);
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
