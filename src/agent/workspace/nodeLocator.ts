// Where a model-supplied path leads on the local disk, and whether the tools may use it: the
// shared resolver first, then realpath, so a symlink (or a folder above the file that is one)
// cannot lead outside the workspace or around the ignore and secret rules. Ignore files are read
// on every call: the agent itself may have just edited a .gitignore.
import type { Stats } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GITIGNORE, IgnoreRules, OUROIGNORE, ignoreFilesFor, isSecret } from './ignoreRules';
import { resolveWorkspacePath, type WorkspaceFolder } from './paths';
import { insideRealRoots, realRoot, realTargetOf } from './realTarget';
import { WorkspaceError, type ResolvedPath } from './workspace';

/** Where a model-supplied path leads. */
export interface Located {
  resolved: ResolvedPath;
  index: number;
  relative: string;
  /** The file behind any symlinks, or for a new file, its real parent plus the new part. */
  real: string;
  /** The real path of the workspace folder `real` is in (not always the one typed: links may cross folders). */
  realRoot: string;
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
  private rootsOnDisk?: Promise<string[]>;

  constructor(
    readonly folders: readonly WorkspaceFolder[],
    readonly ignoreCase: boolean,
  ) {}

  async locate(input: string): Promise<Located> {
    const path = resolveWorkspacePath(this.folders, input, { ignoreCase: this.ignoreCase });
    const { real, stats } = await realTargetOf(join(path.folder.root, path.relative), path.display);
    const roots = await this.realRoots();
    const target = insideRealRoots(roots, real, this.ignoreCase);
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
      realRoot: roots[target.index],
      stats,
      secret: isSecret(path.relative) || isSecret(target.relative),
    };
  }

  private async assertVisible(index: number, relative: string, isDirectory: boolean, shown: string): Promise<void> {
    const hiddenBy = this.rules(await this.ignoreFiles(index, relative)).hiddenBy(relative, isDirectory);
    if (hiddenBy) throw new WorkspaceError(`${shown} is excluded by ${hiddenBy}; ignored files are hidden from the tools.`);
  }

  private realRoots(): Promise<string[]> {
    this.rootsOnDisk ??= Promise.all(this.folders.map((folder) => realRoot(folder.root)));
    return this.rootsOnDisk;
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

function describeSpecial(stats: Stats): string {
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isBlockDevice() || stats.isCharacterDevice()) return 'a device file';
  return 'not a regular file';
}
