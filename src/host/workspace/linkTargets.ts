// Where a path in the VS Code workspace really leads. In `file:` folders links are resolved with
// the Node file system (workspace.fs cannot say where one points): a link whose target is inside
// a workspace folder is followed (pnpm's node_modules, monorepo links), one that leads out is
// refused. In other folders (remote, virtual) a path through any link is refused.
import * as vscode from 'vscode';
import { existsOnDisk, type ExistsIn } from '../../agent/workspace/gitDirLookAlike';
import type { WorkspaceFolder } from '../../agent/workspace/paths';
import { insideRealRoots, realRoot, realTargetOf } from '../../agent/workspace/realTarget';
import { WorkspaceError } from '../../agent/workspace/workspace';

export interface Folder extends WorkspaceFolder {
  uri: vscode.Uri;
}

export interface LinkTarget {
  /** Of what the path leads to; undefined when nothing is there yet. */
  stat?: vscode.FileStat;
  /** The folder (index) and path in it that the path really leads to. */
  target: { index: number; relative: string };
  /** That folder's real root, and the real target: file system paths, or URI paths where links are not followed. */
  realRoot: string;
  real: string;
  /** Whether a path relative to `realRoot` exists. */
  exists: ExistsIn;
}

/** Folder roots and names compare case-insensitively on Windows and macOS. */
export const IGNORE_CASE = process.platform !== 'linux';

/** For a path in a `file:` folder: links resolved on disk, refused when they lead out of every folder. */
export async function followLinks(folders: readonly Folder[], shown: string, uri: vscode.Uri): Promise<LinkTarget> {
  const { real, stats } = await realTargetOf(uri.fsPath, shown);
  const roots = await Promise.all(folders.map((folder) => (folder.uri.scheme === 'file' ? realRoot(folder.uri.fsPath) : Promise.resolve(undefined))));
  const target = insideRealRoots(roots.map((root) => root ?? '\0'), real, IGNORE_CASE);
  if (!target) throw new WorkspaceError(`${shown} is a symbolic link (or inside one) that leads outside the workspace, so it cannot be used.`);
  const stat = stats ? await vscode.workspace.fs.stat(uri) : undefined;
  const root = roots[target.index] ?? real;
  return { stat, target, realRoot: root, real, exists: existsOnDisk(root) };
}

/**
 * For a path in a folder whose links cannot be resolved: refused if it goes through a link.
 * Every prefix is looked at at once: in a remote window each look is a round trip.
 */
export async function notFollowed(folder: Folder, index: number, relative: string, shown: string, uri: vscode.Uri): Promise<LinkTarget> {
  const segments = relative.split('/').filter(Boolean);
  const prefixes = segments.map((_, depth) => segments.slice(0, depth + 1));
  const stats = await Promise.all([folder.uri, ...prefixes.map((prefix) => vscode.Uri.joinPath(folder.uri, ...prefix))].map(statOf));
  let stat: vscode.FileStat | undefined;
  for (let depth = 0; depth < stats.length; depth++) {
    stat = stats[depth];
    if (!stat) break; // the rest does not exist (yet: a new file)
    if (depth > 0 && stat.type & vscode.FileType.SymbolicLink) {
      throw new WorkspaceError(`${shown} goes through a symbolic link (${prefixes[depth - 1].join('/')}), which Ouro does not follow in this kind of folder.`);
    }
  }
  const exists: ExistsIn = async (path) => (await statOf(path === '' ? folder.uri : vscode.Uri.joinPath(folder.uri, path))) !== undefined;
  return { stat, target: { index, relative }, realRoot: folder.uri.path, real: uri.path, exists };
}

function statOf(uri: vscode.Uri): Promise<vscode.FileStat | undefined> {
  return Promise.resolve(vscode.workspace.fs.stat(uri)).then(undefined, () => undefined);
}
