// Walks a workspace folder through vscode.workspace.fs (so it works in remote and virtual
// workspaces), judging each entry by the ignore rules, with each folder's .gitignore read before
// its entries. .git/ and node_modules/ are skipped; symlinks are reported, never followed.
import * as vscode from 'vscode';
import { GITIGNORE, isUnlistedFolderName, type IgnoreRules } from '../../agent/workspace/ignoreRules';

export interface FsWalkEntry {
  /** Relative to the workspace folder, `/` separated. */
  relative: string;
  kind: 'file' | 'directory' | 'symlink';
}

export interface FsWalkOptions {
  folder: vscode.Uri;
  /** Folder to walk, relative to `folder` ("" for all of it). */
  start: string;
  /** Already holding the ignore files of `start`'s parent folders. */
  rules: IgnoreRules;
  recursive: boolean;
  signal?: AbortSignal;
  skipFolder?(relative: string): boolean;
  /** Return false to stop. */
  onEntry(entry: FsWalkEntry): boolean | void;
}

export async function walkWorkspaceFolder(options: FsWalkOptions): Promise<void> {
  const queue = [options.start];
  while (queue.length > 0) {
    if (options.signal?.aborted) throw options.signal.reason;
    const relative = queue.shift()!;
    const dir = relative === '' ? options.folder : vscode.Uri.joinPath(options.folder, relative);
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(dir);
    } catch {
      continue; // unreadable or vanished: leave it out
    }
    if (entries.some(([name, type]) => name === GITIGNORE && type === vscode.FileType.File)) {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(dir, GITIGNORE)).then(undefined, () => new Uint8Array());
      options.rules.add(relative, GITIGNORE, new TextDecoder().decode(bytes));
    }
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [name, type] of entries) {
      const child = relative === '' ? name : `${relative}/${name}`;
      const kind = type & vscode.FileType.SymbolicLink ? 'symlink' : type === vscode.FileType.Directory ? 'directory' : type === vscode.FileType.File ? 'file' : undefined;
      if (kind === undefined || options.rules.hidesInVisibleFolder(child, kind === 'directory')) continue;
      if (kind === 'directory' && (isUnlistedFolderName(name) || options.skipFolder?.(child))) continue;
      if (options.onEntry({ relative: child, kind }) === false) return;
      if (kind === 'directory' && options.recursive) queue.push(child);
    }
  }
}
