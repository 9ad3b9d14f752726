// What an improvement round changed in a .ouro folder: the files added, changed and removed,
// and a unified diff the user can review and apply with `git apply`.
import { createTwoFilesPatch } from 'diff';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { isOuroRecord } from './ouroRecords';

export interface FolderChange {
  /** Relative to the folder's parent, e.g. ".ouro/tools/x/tool.json". */
  path: string;
  kind: 'added' | 'changed' | 'removed';
}

export interface FolderDiff {
  changes: FolderChange[];
  patch: string;
}

/** `before` and `after` are .ouro folders (either may be missing); paths are shown under `label`. */
export async function diffFolders(before: string | undefined, after: string | undefined, label = '.ouro'): Promise<FolderDiff> {
  const [old, now] = await Promise.all([readTree(before), readTree(after)]);
  const changes: FolderChange[] = [];
  const patches: string[] = [];
  for (const file of [...new Set([...old.keys(), ...now.keys()])].sort()) {
    const a = old.get(file);
    const b = now.get(file);
    if (a === b) continue;
    const path = `${label}/${file}`;
    changes.push({ path, kind: a === undefined ? 'added' : b === undefined ? 'removed' : 'changed' });
    const patch = createTwoFilesPatch(a === undefined ? '/dev/null' : `a/${path}`, b === undefined ? '/dev/null' : `b/${path}`, a ?? '', b ?? '');
    // The first line is a separator git does not need.
    patches.push(patch.slice(patch.indexOf('\n') + 1));
  }
  return { changes, patch: patches.join('') };
}

/** Every file below `root` by its `/`-separated relative path, with its text; the records left out. */
async function readTree(root: string | undefined): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  if (!root) return files;
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const entry of entries.filter((candidate) => candidate.isFile())) {
    const full = join(entry.parentPath, entry.name);
    const path = relative(root, full).split('\\').join('/');
    if (!isOuroRecord(path)) files.set(path, await readFile(full, 'utf8'));
  }
  return files;
}
