// Path resolution shared by every Workspace implementation: pure string work, no file system.
// A model-supplied path is relative to the (first) workspace folder, or `name/relative` in a
// multi-root workspace, or absolute inside a folder. Everything else is refused here, with a
// message the model can act on; symlinks are the implementation's job (they need the disk).
import { WorkspaceError } from './workspace';

export interface WorkspaceFolder {
  /** The name the model uses as the first segment of multi-root paths. */
  name: string;
  /** The folder's absolute path: a file system path or a URI path, with either separator. */
  root: string;
}

export interface WorkspacePath {
  folder: WorkspaceFolder;
  /** Index of `folder` in the folder list. */
  index: number;
  /** Relative to the folder, `/` separated, "" for the folder itself. */
  relative: string;
  /** As the model should see it (and may pass back). */
  display: string;
}

export interface PathOptions {
  /** Compare folder roots case-insensitively (Windows, default macOS volumes). */
  ignoreCase?: boolean;
}

export function resolveWorkspacePath(folders: readonly WorkspaceFolder[], input: string, options: PathOptions = {}): WorkspacePath {
  if (folders.length === 0) throw new WorkspaceError('No workspace folder is open, so there are no files to work with.');
  const raw = input.trim();
  if (raw.includes('\0')) throw new WorkspaceError(`The path ${JSON.stringify(input)} contains a NUL byte, which no file name can hold.`);
  const path = raw.replace(/\\/g, '/');
  if (path === '~' || path.startsWith('~/')) {
    throw new WorkspaceError(`"${input}" is in the home folder, outside the workspace. ${howToName(folders)}`);
  }
  if (isAbsolute(path)) return resolveAbsolute(folders, input, path, options);

  const segments = normaliseSegments(path.split('/'));
  if (segments === undefined) {
    throw new WorkspaceError(`"${input}" leads outside the workspace folder with "..". ${howToName(folders)}`);
  }
  if (folders.length > 1 && segments.length > 0) {
    const index = folders.findIndex((folder) => folder.name === segments[0]);
    if (index >= 0) return workspacePath(folders, index, segments.slice(1).join('/'));
  }
  return workspacePath(folders, 0, segments.join('/'));
}

/** How a path inside folder `index` is shown to the model. */
export function displayPath(folders: readonly WorkspaceFolder[], index: number, relative: string): string {
  if (folders.length > 1) return relative === '' ? folders[index].name : `${folders[index].name}/${relative}`;
  return relative === '' ? '.' : relative;
}

/**
 * The `/`-separated path of `target` relative to `root` ("" when they are the same), or undefined
 * when `target` is not inside `root`. Both are absolute; used for symlink targets as well.
 */
export function relativeInside(root: string, target: string, options: PathOptions = {}): string | undefined {
  const base = normaliseAbsolute(root);
  const full = normaliseAbsolute(target);
  const same = (a: string, b: string) => (options.ignoreCase ? a.toLowerCase() === b.toLowerCase() : a === b);
  if (same(base, full)) return '';
  const prefix = base.endsWith('/') ? base : `${base}/`;
  if (full.length > prefix.length && same(full.slice(0, prefix.length), prefix)) return full.slice(prefix.length);
  return undefined;
}

/** Unique names for folders given as absolute paths: their base names, numbered on a clash. */
export function nameFolders(roots: readonly string[]): WorkspaceFolder[] {
  const used = new Set<string>();
  return roots.map((root) => {
    const parts = normaliseAbsolute(root).split('/').filter(Boolean);
    const base = parts[parts.length - 1]?.replace(/:$/, '') || 'root';
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}-${n}`;
    used.add(name);
    return { name, root };
  });
}

function resolveAbsolute(folders: readonly WorkspaceFolder[], input: string, path: string, options: PathOptions): WorkspacePath {
  let best: { index: number; relative: string; depth: number } | undefined;
  folders.forEach((folder, index) => {
    const relative = relativeInside(folder.root, path, options);
    const depth = normaliseAbsolute(folder.root).length;
    if (relative !== undefined && (!best || depth > best.depth)) best = { index, relative, depth };
  });
  if (!best) throw new WorkspaceError(`"${input}" is outside the workspace. ${howToName(folders)}`);
  return workspacePath(folders, best.index, best.relative);
}

function workspacePath(folders: readonly WorkspaceFolder[], index: number, relative: string): WorkspacePath {
  return { folder: folders[index], index, relative, display: displayPath(folders, index, relative) };
}

function isAbsolute(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:/.test(path);
}

/** Drops "." and empty segments and applies ".."; undefined when ".." climbs above the start. */
function normaliseSegments(segments: readonly string[]): string[] | undefined {
  const out: string[] = [];
  for (const segment of segments) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else {
      out.push(segment);
    }
  }
  return out;
}

/**
 * `/`-separated, "." and ".." applied (".." stops at the top, as the OS does), drive letters lower
 * case, and a URI path's "/c:/" read as "c:/" so native and URI roots compare alike.
 */
function normaliseAbsolute(path: string): string {
  let rest = path.replace(/\\/g, '/');
  let head = '/';
  const drive = /^\/?([A-Za-z]):(\/|$)/.exec(rest);
  if (drive) {
    head = `${drive[1].toLowerCase()}:/`;
    rest = rest.slice(drive[0].length);
  } else if (rest.startsWith('//')) {
    head = '//';
  }
  const segments: string[] = [];
  for (const segment of rest.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return head + segments.join('/');
}

function howToName(folders: readonly WorkspaceFolder[]): string {
  if (folders.length === 1) return 'Use a path relative to the workspace folder, e.g. "src/index.ts".';
  const names = folders.map((folder) => folder.name);
  return `Start the path with a workspace folder name (${names.join(', ')}), e.g. "${names[0]}/src/index.ts".`;
}

/** Orders paths folder by folder, so "a/b" follows "a/" rather than "a-b". */
export function comparePaths(a: string, b: string): number {
  // Segment by segment, without splitting (a listing sorts tens of thousands of paths): at the
  // first difference, a '/' ends its segment first, so it sorts before any other character.
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const left = a.charCodeAt(i);
    const right = b.charCodeAt(i);
    if (left === right) continue;
    if (left === SLASH) return -1;
    if (right === SLASH) return 1;
    return left < right ? -1 : 1;
  }
  return a.length - b.length;
}

const SLASH = 0x2f;
