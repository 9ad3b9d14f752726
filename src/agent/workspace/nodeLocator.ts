// Where a model-supplied path leads on the local disk, and whether the tools may use it: the
// shared resolver first, then realpath, so a symlink (or a folder above the file that is one)
// cannot lead outside the workspace or around the ignore and secret rules. Ignore files are read
// on every call: the agent itself may have just edited a .gitignore.
import type { Stats } from 'node:fs';
import { lstat, readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { GITIGNORE, IgnoreRules, OUROIGNORE, ignoreFilesFor, isSecret } from './ignoreRules';
import { relativeInside, resolveWorkspacePath, type WorkspaceFolder } from './paths';
import { WorkspaceError, type ResolvedPath } from './workspace';

/** Where a model-supplied path leads. */
export interface Located {
  resolved: ResolvedPath;
  index: number;
  relative: string;
  /** The file behind any symlinks, or for a new file, its real parent plus the new part. */
  real: string;
  /** Undefined when nothing is there yet. */
  stats?: Stats;
  secret: boolean;
}

export interface IgnoreFile {
  dir: string;
  name: typeof GITIGNORE | typeof OUROIGNORE;
  content: string;
}

export class NodeLocator {
  private realRoots?: Promise<string[]>;

  constructor(
    readonly folders: readonly WorkspaceFolder[],
    private readonly ignoreCase: boolean,
  ) {}

  async locate(input: string): Promise<Located> {
    const path = resolveWorkspacePath(this.folders, input, { ignoreCase: this.ignoreCase });
    const lexical = join(path.folder.root, path.relative);
    const link = await lstat(lexical).catch(() => undefined);
    let real: string;
    let stats: Stats | undefined;
    if (link) {
      real = await realpath(lexical).catch(() => {
        throw new WorkspaceError(`${path.display} is a symbolic link to something that does not exist.`);
      });
      stats = await stat(real);
    } else {
      real = await realPathOfMissing(lexical);
    }
    const target = await this.insideWorkspace(real);
    if (!target) throw new WorkspaceError(`${path.display} is a symbolic link (or inside one) that leads outside the workspace, so it cannot be used.`);
    const isDirectory = stats?.isDirectory() ?? false;
    await this.assertVisible(path.index, path.relative, isDirectory, path.display);
    if (target.index !== path.index || target.relative !== path.relative) {
      await this.assertVisible(target.index, target.relative, isDirectory, path.display);
    }
    if (stats && !stats.isFile() && !stats.isDirectory()) {
      throw new WorkspaceError(`${path.display} is ${describeSpecial(stats)}; only files and folders can be used.`);
    }
    return {
      resolved: { display: path.display, root: path.folder.root, relative: path.relative },
      index: path.index,
      relative: path.relative,
      real,
      stats,
      secret: isSecret(path.relative) || isSecret(target.relative),
    };
  }

  private async assertVisible(index: number, relative: string, isDirectory: boolean, shown: string): Promise<void> {
    const hiddenBy = this.rules(await this.ignoreFiles(index, relative)).hiddenBy(relative, isDirectory);
    if (hiddenBy) throw new WorkspaceError(`${shown} is excluded by ${hiddenBy}; ignored files are hidden from the tools.`);
  }

  private async insideWorkspace(real: string): Promise<{ index: number; relative: string } | undefined> {
    this.realRoots ??= Promise.all(this.folders.map((folder) => realpath(folder.root).catch(() => folder.root)));
    const roots = await this.realRoots;
    let best: { index: number; relative: string; length: number } | undefined;
    roots.forEach((root, index) => {
      const relative = relativeInside(root, real, { ignoreCase: this.ignoreCase });
      if (relative !== undefined && (!best || root.length > best.length)) best = { index, relative, length: root.length };
    });
    return best;
  }

  /** The existing ignore files that decide about `relative`, in the order to apply them. */
  async ignoreFiles(index: number, relative: string): Promise<IgnoreFile[]> {
    const root = this.folders[index].root;
    const files = await Promise.all(
      ignoreFilesFor(relative).map(async (file) => {
        const content = await readFile(join(root, file.dir, file.name), 'utf8').catch(() => undefined);
        return content === undefined ? undefined : { ...file, content };
      }),
    );
    return files.filter((file) => file !== undefined);
  }

  rules(files: readonly IgnoreFile[]): IgnoreRules {
    const rules = new IgnoreRules();
    for (const file of files) rules.add(file.dir, file.name, file.content);
    return rules;
  }
}

/** A new file's real path: the real path of its nearest existing parent, plus the rest. */
async function realPathOfMissing(path: string): Promise<string> {
  const missing: string[] = [];
  let current = path;
  for (;;) {
    try {
      return join(await realpath(current), ...missing);
    } catch {
      const parent = dirname(current);
      if (parent === current) return path;
      missing.unshift(basename(current));
      current = parent;
    }
  }
}

function describeSpecial(stats: Stats): string {
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isBlockDevice() || stats.isCharacterDevice()) return 'a device file';
  return 'not a regular file';
}
