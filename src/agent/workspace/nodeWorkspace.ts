// The Workspace port on the local disk, for the CLI and the tests. Paths go through the shared
// resolver, then through realpath so a symlink cannot lead outside; ignore rules are read fresh
// on every call (the agent itself may have just edited a .gitignore). Writes follow the approval
// policy it was given and land atomically.
import type { Stats } from 'node:fs';
import { lstat, readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve as resolveFromCwd } from 'node:path';
import type { ApprovalPolicy } from '../tools/tool';
import { writeFileAtomic } from './atomicWrite';
import { IgnoreRules, OUROIGNORE, anchorIgnoreFile, ignoreFilesFor, isSecret, isUnlisted } from './ignoreRules';
import { searchWithNode } from './nodeSearch';
import { displayPath, nameFolders, relativeInside, resolveWorkspacePath, type WorkspaceFolder } from './paths';
import { findRipgrep, searchWithRipgrep } from './ripgrep';
import { splitGlobs } from './globs';
import type { EngineQuery, EngineResult, SearchScope } from './searchEngine';
import { decodeText, encodeText, withBom } from './text';
import { walkFolder } from './walk';
import {
  LARGE_WRITE_BYTES,
  WorkspaceError,
  type FileStat,
  type ListResult,
  type Proposal,
  type ProposalOutcome,
  type ResolvedPath,
  type SearchMatch,
  type SearchQuery,
  type SearchResult,
  type Workspace,
} from './workspace';

export interface NodeWorkspaceOptions {
  /** 'edits' and 'all' write proposals; 'none' (the default) asks `confirm`, else rejects. */
  approve?: ApprovalPolicy;
  confirm?: (proposal: Proposal) => Promise<boolean>;
  /** Let the tools read .env files and private keys. */
  allowSecrets?: boolean;
  /** The ripgrep binary to search with, or false for the plain-Node search; default: `rg` on PATH. */
  ripgrep?: string | false;
}

/** A listing stops walking here, so a huge tree cannot stall the agent; the count is then a floor. */
const WALK_LIMIT = 200_000;
/** Matching lines counted beyond the ones returned before the total becomes "at least". */
const COUNT_LIMIT = 10_000;

/** Where a model-supplied path leads. */
interface Located {
  resolved: ResolvedPath;
  index: number;
  relative: string;
  /** The file behind any symlinks, or for a new file, its real parent plus the new part. */
  real: string;
  /** Undefined when nothing is there yet. */
  stats?: Stats;
  secret: boolean;
}

export class NodeWorkspace implements Workspace {
  readonly folders: readonly string[];
  private readonly workspaceFolders: WorkspaceFolder[];
  private readonly ignoreCase = process.platform === 'win32' || process.platform === 'darwin';
  private realRoots?: Promise<string[]>;

  constructor(
    folders: string | string[],
    private readonly options: NodeWorkspaceOptions = {},
  ) {
    const roots = (Array.isArray(folders) ? folders : [folders]).map((folder) => resolveFromCwd(folder));
    this.workspaceFolders = nameFolders(roots);
    this.folders = this.workspaceFolders.map((folder) => folder.name);
  }

  /** The absolute path of each workspace folder, in the order of `folders`. */
  get roots(): readonly string[] {
    return this.workspaceFolders.map((folder) => folder.root);
  }

  async resolve(path: string): Promise<ResolvedPath> {
    return (await this.locate(path)).resolved;
  }

  /** The absolute path on disk that a model-supplied path stands for (after every check). */
  async absolutePath(path: string): Promise<string> {
    return (await this.locate(path)).real;
  }

  async stat(path: string): Promise<FileStat | undefined> {
    const { stats } = await this.locate(path);
    if (!stats) return undefined;
    return { type: stats.isDirectory() ? 'directory' : stats.isFile() ? 'file' : 'other', size: stats.size, mtimeMs: stats.mtimeMs };
  }

  async readFile(path: string): Promise<Uint8Array> {
    const located = await this.locate(path);
    const shown = located.resolved.display;
    if (!located.stats) throw new WorkspaceError(`File not found: ${shown}`);
    if (located.stats.isDirectory()) throw new WorkspaceError(`${shown} is a folder, not a file.`);
    if (located.secret && !this.options.allowSecrets) {
      throw new WorkspaceError(`${shown} may hold secrets (an environment file or a private key), so reading it is refused unless the user allows secrets.`);
    }
    return readFile(located.real);
  }

  async list(path: string, options: { recursive: boolean; limit: number; signal?: AbortSignal }): Promise<ListResult> {
    const found: Array<{ index: number; relative: string; depth: number; type: 'file' | 'directory' | 'symlink' }> = [];
    let walkStopped = false;
    for (const start of await this.startingPoints(path, 'list')) {
      if (start.wholeWorkspace) {
        found.push({ index: start.index, relative: '', depth: 0, type: 'directory' });
        if (!options.recursive) continue;
      }
      await this.walk(start.index, start.relative, options.recursive, options.signal, (entry) => {
        found.push({ index: start.index, ...entry });
        if (found.length >= WALK_LIMIT) walkStopped = true;
        return !walkStopped;
      });
      if (walkStopped) break;
    }
    const kept = shallowest(found, options.limit);
    const entries = await Promise.all(
      kept.map(async (entry) => {
        const shown = displayPath(this.workspaceFolders, entry.index, entry.relative);
        const isFolder = entry.type === 'directory' || (entry.type === 'symlink' && (await this.isFolderLink(entry.index, entry.relative)));
        return isFolder ? `${shown}/` : shown;
      }),
    );
    return { entries: entries.sort(comparePaths), omitted: found.length - kept.length, ...(walkStopped ? { omittedIsLowerBound: true } : {}) };
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const rg = this.options.ripgrep === false ? undefined : await findRipgrep(this.options.ripgrep);
    const matches: SearchMatch[] = [];
    let total = 0;
    let totalIsLowerBound = false;
    for (const start of await this.startingPoints(query.path ?? '', 'search')) {
      const engineQuery: EngineQuery = {
        pattern: query.pattern,
        globs: splitGlobs(query.glob),
        caseSensitive: query.caseSensitive,
        context: query.context ?? 0,
        maxMatches: Math.max(0, query.maxMatches - matches.length),
        countLimit: Math.max(COUNT_LIMIT, query.maxMatches),
        signal: query.signal,
      };
      const result = await this.searchFolder(rg, start.index, start.relative, engineQuery);
      for (const match of result.matches) matches.push({ ...match, path: displayPath(this.workspaceFolders, start.index, match.path) });
      total += result.total;
      totalIsLowerBound ||= result.totalIsLowerBound;
    }
    matches.sort((a, b) => comparePaths(a.path, b.path) || a.line - b.line);
    return { matches, total, engine: rg ? 'ripgrep' : 'node', ...(totalIsLowerBound ? { totalIsLowerBound } : {}) };
  }

  async propose(proposal: Proposal, signal?: AbortSignal): Promise<ProposalOutcome> {
    const located = await this.locate(proposal.path);
    const shown = located.resolved.display;
    if (located.stats?.isDirectory()) throw new WorkspaceError(`${shown} is a folder; give the path of a file.`);
    if (located.relative.split('/').includes('.git')) throw new WorkspaceError(`Writing inside .git/ is not allowed (${shown}).`);
    const conflict = await this.conflict(located, proposal);
    if (conflict) return conflict;

    const large = Buffer.byteLength(proposal.content, 'utf8') > LARGE_WRITE_BYTES;
    const policy = this.options.approve ?? 'none';
    if (!(policy === 'all' || (policy === 'edits' && !large))) {
      if (!this.options.confirm) {
        const reason = large
          ? `The new ${shown} is over ${LARGE_WRITE_BYTES / 1024 / 1024} MB; writing files that large needs explicit approval (run with --approve all).`
          : 'Writing files needs approval and no one can give it here (approval policy "none"); run with --approve edits to allow it.';
        return { status: 'rejected', reason };
      }
      if (!(await this.options.confirm(proposal))) return { status: 'rejected', reason: 'The user declined the change.' };
      // The decision can take a while: look again before writing.
      const late = await this.conflict(located, proposal);
      if (late) return late;
    }
    if (signal?.aborted) return { status: 'rejected', reason: 'Cancelled before the change was written.' };
    try {
      await writeFileAtomic(located.real, encodeText(proposal.content));
    } catch (error) {
      throw new WorkspaceError(`Could not write ${shown}: ${(error as Error).message}`);
    }
    return { status: 'accepted', content: proposal.content, userModified: false };
  }

  private async conflict(located: Located, proposal: Proposal): Promise<ProposalOutcome | undefined> {
    const shown = located.resolved.display;
    const bytes = await readFile(located.real).catch(() => undefined);
    if (bytes === undefined) {
      return proposal.original === undefined ? undefined : { status: 'conflict', message: `${shown} was deleted after it was read.` };
    }
    if (proposal.original === undefined) return { status: 'conflict', message: `${shown} was created by someone else after it was looked for.` };
    const decoded = decodeText(bytes);
    const current = decoded.kind === 'text' ? withBom(decoded.text, decoded.bom) : undefined;
    return current === proposal.original ? undefined : { status: 'conflict', message: `${shown} changed on disk after it was read.` };
  }

  /** Where a list or search starts: the named folder, or every workspace folder. */
  private async startingPoints(path: string, purpose: 'list' | 'search'): Promise<Array<{ index: number; relative: string; wholeWorkspace?: boolean }>> {
    const top = ['', '.', './'].includes(path.trim());
    if (top && (this.workspaceFolders.length > 1 || purpose === 'search')) {
      return this.workspaceFolders.map((_, index) => ({ index, relative: '', wholeWorkspace: this.workspaceFolders.length > 1 }));
    }
    const located = await this.locate(path);
    const shown = located.resolved.display;
    if (!located.stats) throw new WorkspaceError(`${purpose === 'list' ? 'Folder' : 'Path'} not found: ${shown}`);
    if (purpose === 'list' && !located.stats.isDirectory()) throw new WorkspaceError(`${shown} is a file, not a folder; read it with read_file.`);
    return [{ index: located.index, relative: located.relative }];
  }

  private async walk(
    index: number,
    relative: string,
    recursive: boolean,
    signal: AbortSignal | undefined,
    onEntry: (entry: { relative: string; depth: number; type: 'file' | 'directory' | 'symlink' }) => boolean,
  ): Promise<void> {
    const rules = this.rules(await this.ignoreFiles(index, relative));
    await walkFolder({ root: this.workspaceFolders[index].root, start: relative, rules, recursive, signal, onEntry });
  }

  private async searchFolder(rg: string | undefined, index: number, relative: string, query: EngineQuery): Promise<EngineResult> {
    const files = await this.ignoreFiles(index, relative);
    const ouroignore = this.rules(files.filter((file) => file.name === OUROIGNORE));
    const below = relative === '' ? 0 : relative.length + 1;
    const scope: SearchScope = {
      root: this.workspaceFolders[index].root,
      relative,
      extraIgnores: files.map((file) => anchorIgnoreFile(file.dir, file.content)).join('\n'),
      // ripgrep honours .gitignore itself; these are the rules it could not be told, kept here
      // as a net so nothing hidden ever shows.
      allows: (path) =>
        (this.options.allowSecrets || !isSecret(path)) && !ouroignore.hides(path, false) && (below === 0 ? !isUnlisted(path) : !isUnlisted(path.slice(below))),
    };
    return rg ? searchWithRipgrep(rg, scope, query) : searchWithNode(scope, query, this.rules(files));
  }

  private async locate(input: string): Promise<Located> {
    const path = resolveWorkspacePath(this.workspaceFolders, input, { ignoreCase: this.ignoreCase });
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
    this.realRoots ??= Promise.all(this.workspaceFolders.map((folder) => realpath(folder.root).catch(() => folder.root)));
    const roots = await this.realRoots;
    let best: { index: number; relative: string; length: number } | undefined;
    roots.forEach((root, index) => {
      const relative = relativeInside(root, real, { ignoreCase: this.ignoreCase });
      if (relative !== undefined && (!best || root.length > best.length)) best = { index, relative, length: root.length };
    });
    return best;
  }

  /** The existing ignore files that decide about `relative`, in the order to apply them. */
  private async ignoreFiles(index: number, relative: string): Promise<Array<{ dir: string; name: '.gitignore' | '.ouroignore'; content: string }>> {
    const root = this.workspaceFolders[index].root;
    const files = await Promise.all(
      ignoreFilesFor(relative).map(async (file) => {
        const content = await readFile(join(root, file.dir, file.name), 'utf8').catch(() => undefined);
        return content === undefined ? undefined : { ...file, content };
      }),
    );
    return files.filter((file) => file !== undefined);
  }

  private rules(files: ReadonlyArray<{ dir: string; name: '.gitignore' | '.ouroignore'; content: string }>): IgnoreRules {
    const rules = new IgnoreRules();
    for (const file of files) rules.add(file.dir, file.name, file.content);
    return rules;
  }

  private async isFolderLink(index: number, relative: string): Promise<boolean> {
    return stat(join(this.workspaceFolders[index].root, relative)).then(
      (info) => info.isDirectory(),
      () => false,
    );
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

/**
 * Over the limit, keep the shallowest entries: the shape of the tree tells the model more than
 * every file of the first folder. Only the deepest level that fits in part is sorted by path.
 */
function shallowest<T extends { depth: number; relative: string }>(entries: T[], limit: number): T[] {
  if (entries.length <= limit) return entries;
  const byDepth: T[][] = [];
  for (const entry of entries) (byDepth[entry.depth] ??= []).push(entry);
  const kept: T[] = [];
  for (const level of byDepth) {
    if (!level) continue;
    const room = limit - kept.length;
    if (level.length <= room) {
      kept.push(...level);
    } else {
      kept.push(...level.sort((a, b) => comparePaths(a.relative, b.relative)).slice(0, room));
      break;
    }
  }
  return kept;
}

/** Orders paths folder by folder, so "a/b" follows "a/" rather than "a-b". */
function comparePaths(a: string, b: string): number {
  const left = a.split('/');
  const right = b.split('/');
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    if (left[i] !== right[i]) return left[i] < right[i] ? -1 : 1;
  }
  return left.length - right.length;
}
