// Project files that live at the root of every workspace folder (AGENTS.md, .ouro/...): the path
// the Workspace port understands for each folder, as `display` paths are formed.
import type { Workspace } from './workspace';

/** `relative` in each workspace folder: as is in a single-root workspace, `folder/relative` in a multi-root one. */
export function inEachFolder(workspace: Pick<Workspace, 'folders'>, relative: string): string[] {
  if (workspace.folders.length <= 1) return [relative];
  return workspace.folders.map((folder) => `${folder}/${relative}`);
}

/** The files directly in `folder` whose names end with `suffix`, sorted; none when it is missing or hidden. */
export async function filesIn(workspace: Workspace, folder: string, suffix = ''): Promise<string[]> {
  const found = await listChildren(workspace, folder);
  return found.filter((entry) => !entry.endsWith('/') && entry.endsWith(suffix));
}

/** The folders directly in `folder`, without their trailing `/`, sorted. */
export async function foldersIn(workspace: Workspace, folder: string): Promise<string[]> {
  const found = await listChildren(workspace, folder);
  return found.filter((entry) => entry.endsWith('/')).map((entry) => entry.slice(0, -1));
}

const LIST_LIMIT = 500;

async function listChildren(workspace: Workspace, folder: string): Promise<string[]> {
  try {
    if ((await workspace.stat(folder))?.type !== 'directory') return [];
    return (await workspace.list(folder, { recursive: false, limit: LIST_LIMIT })).entries;
  } catch {
    // An ignore rule hides it, or it is outside the workspace: there is nothing to load.
    return [];
  }
}
