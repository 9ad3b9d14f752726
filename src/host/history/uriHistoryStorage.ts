// The history storage on the editor's file system (vscode.workspace.fs), in one folder: the
// extension's workspace storage, or its global storage when no folder is open. Only types come
// from vscode, so the adapter's logic is tested in plain Node against a file system of the same shape.
import { rename } from 'node:fs/promises';
import type * as vscode from 'vscode';
import type { HistoryStorage } from '../../agent/history/historyStorage';

export type FolderFileSystem = Pick<vscode.FileSystem, 'readFile' | 'writeFile' | 'rename' | 'readDirectory' | 'delete' | 'createDirectory'>;

/** vscode.FileType.File; a symbolic link to a file has this bit too. */
const FILE = 1;

export class UriHistoryStorage implements HistoryStorage {
  constructor(
    private readonly fs: FolderFileSystem,
    private readonly folder: vscode.Uri,
    /** vscode.Uri.joinPath, passed in so this module needs nothing of vscode at run time. */
    private readonly join: (folder: vscode.Uri, name: string) => vscode.Uri,
  ) {}

  async read(name: string): Promise<string | undefined> {
    const bytes = await this.readBytes(name);
    return bytes === undefined ? undefined : new TextDecoder().decode(bytes);
  }

  write(name: string, text: string): Promise<void> {
    return this.writeBytes(name, new TextEncoder().encode(text));
  }

  async readBytes(name: string): Promise<Uint8Array | undefined> {
    try {
      return await this.fs.readFile(this.uri(name));
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async writeBytes(name: string, bytes: Uint8Array): Promise<void> {
    const uri = this.uri(name);
    await this.fs.createDirectory(this.folder);
    await this.fs.writeFile(uri, bytes);
  }

  async rename(from: string, to: string): Promise<void> {
    // The editor's rename with overwrite deletes the old file first: a window closed between the
    // two loses the conversation. On disk, the system's rename replaces it in one step.
    if (this.folder.scheme === 'file') return rename(this.uri(from).fsPath, this.uri(to).fsPath);
    await this.fs.rename(this.uri(from), this.uri(to), { overwrite: true });
  }

  async list(): Promise<string[]> {
    try {
      return (await this.fs.readDirectory(this.folder)).filter(([, type]) => (type & FILE) !== 0).map(([name]) => name);
    } catch (err) {
      if (isNotFound(err)) return [];
      throw err;
    }
  }

  async delete(name: string): Promise<void> {
    try {
      await this.fs.delete(this.uri(name), { useTrash: false });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  /** Names are plain file names: a name with a separator or ".." is a bug, not a path. */
  private uri(name: string): vscode.Uri {
    if (!name || /[\\/]/.test(name) || name === '.' || name === '..') throw new Error(`not a file name: ${JSON.stringify(name)}`);
    return this.join(this.folder, name);
  }
}

/** vscode.FileSystemError.FileNotFound carries the code "FileNotFound". */
function isNotFound(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'FileNotFound';
}
