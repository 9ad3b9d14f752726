// The Workspace port on the local disk, for the CLI and the tests. Every path goes through the
// locator (shared resolver, realpath, ignore and secret rules); listing and search walk the
// folders with the same rules; writes follow the approval policy it was given and land
// atomically.
import { stat } from 'node:fs/promises';
import { join, resolve as resolveFromCwd } from 'node:path';
import type { ApprovalPolicy } from '../tools/tool';
import { diskFiles, type FileAccess } from './fileAccess';
import { OUROIGNORE, anchorIgnoreFile, isSecret, isUnlisted } from './ignoreRules';
import { NodeLocator, type Located } from './nodeLocator';
import { searchWithNode } from './nodeSearch';
import { protectedMessage, protectedTarget } from './protectedPaths';
import { comparePaths, displayPath, nameFolders, type WorkspaceFolder } from './paths';
import { findRipgrep, searchWithRipgrep } from './ripgrep';
import { splitGlobs } from './globs';
import type { EngineQuery, EngineResult, SearchScope } from './searchEngine';
import { decodeText, withBom } from './text';
import { walkFolder, type WalkEntry } from './walk';
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
  /**
   * 'edits' and 'all' write proposals; 'none' (the default) asks `confirm`, else rejects. A write
   * to a protected path is written only under 'all'; otherwise it asks `confirm`, else rejects.
   */
  approve?: ApprovalPolicy;
  /** `protectedWhy`: the write is to a protected path, and this says why it asks. */
  confirm?: (proposal: Proposal, protectedWhy?: string) => Promise<boolean>;
  /** Let the tools read .env files and private keys. */
  allowSecrets?: boolean;
  /** The ripgrep binary to search with, or false for the plain-Node search; default: `rg` on PATH. */
  ripgrep?: string | false;
  /** Where checked files are read and written; default the disk (listing and search always walk the disk). */
  files?: FileAccess;
}

/** A listing stops walking here, so a huge tree cannot stall the agent; the count is then a floor. */
const WALK_LIMIT = 200_000;
/** Matching lines counted beyond the ones returned before the total becomes "at least". */
const COUNT_LIMIT = 10_000;

export class NodeWorkspace implements Workspace {
  readonly folders: readonly string[];
  private readonly workspaceFolders: WorkspaceFolder[];
  private readonly locator: NodeLocator;
  private readonly files: FileAccess;

  constructor(
    folders: string | string[],
    private readonly options: NodeWorkspaceOptions = {},
  ) {
    const roots = (Array.isArray(folders) ? folders : [folders]).map((folder) => resolveFromCwd(folder));
    this.workspaceFolders = nameFolders(roots);
    this.folders = this.workspaceFolders.map((folder) => folder.name);
    this.locator = new NodeLocator(this.workspaceFolders, process.platform === 'win32' || process.platform === 'darwin');
    this.files = options.files ?? diskFiles;
  }

  /** The absolute path of each workspace folder, in the order of `folders`. */
  get roots(): readonly string[] {
    return this.workspaceFolders.map((folder) => folder.root);
  }

  async resolve(path: string): Promise<ResolvedPath> {
    return (await this.locator.locate(path)).resolved;
  }

  /** The absolute path on disk that a model-supplied path stands for (after every check). */
  async absolutePath(path: string): Promise<string> {
    return (await this.locator.locate(path)).real;
  }

  async stat(path: string): Promise<FileStat | undefined> {
    const { stats } = await this.locator.locate(path);
    if (!stats) return undefined;
    return { type: stats.isDirectory() ? 'directory' : stats.isFile() ? 'file' : 'other', size: stats.size, mtimeMs: stats.mtimeMs };
  }

  async readFile(path: string): Promise<Uint8Array> {
    const located = await this.locator.locate(path);
    const shown = located.resolved.display;
    if (!located.stats) throw new WorkspaceError(`File not found: ${shown}`);
    if (located.stats.isDirectory()) throw new WorkspaceError(`${shown} is a folder, not a file.`);
    if (located.secret && !this.options.allowSecrets) {
      throw new WorkspaceError(`${shown} may hold secrets (an environment file or a private key), so reading it is refused unless the user allows secrets.`);
    }
    return this.files.read(located.real);
  }

  async list(path: string, options: { recursive: boolean; limit: number; signal?: AbortSignal }): Promise<ListResult> {
    // The walk's own entries, as they come (a recursive listing holds tens of thousands); which
    // workspace folder each is in is noted apart, and only when there is more than one.
    const found: WalkEntry[] = [];
    const starts = await this.startingPoints(path, 'list');
    const folderOf = new Map<WalkEntry, number>();
    const onlyFolder = starts.length === 1 ? starts[0].index : undefined;
    const add = (entry: WalkEntry, index: number) => {
      found.push(entry);
      if (onlyFolder === undefined) folderOf.set(entry, index);
    };
    let walkStopped = false;
    for (const start of starts) {
      if (start.wholeWorkspace) {
        add({ relative: '', depth: 0, type: 'directory' }, start.index);
        if (!options.recursive) continue;
      }
      await this.walk(start.index, start.relative, options.recursive, options.signal, (entry) => {
        add(entry, start.index);
        if (found.length >= WALK_LIMIT) walkStopped = true;
        return !walkStopped;
      });
      if (walkStopped) break;
    }
    const kept = shallowest(found, options.limit);
    const entries = await Promise.all(
      kept.map(async (entry) => {
        const index = onlyFolder ?? folderOf.get(entry) ?? 0;
        const shown = displayPath(this.workspaceFolders, index, entry.relative);
        const isFolder = entry.type === 'directory' || (entry.type === 'symlink' && (await this.isFolderLink(index, entry.relative)));
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
    const located = await this.locator.locate(proposal.path);
    const shown = located.resolved.display;
    if (located.stats?.isDirectory()) throw new WorkspaceError(`${shown} is a folder; give the path of a file.`);
    const guarded = await protectedTarget(located.realRoot, located.real, { ignoreCase: this.locator.ignoreCase });
    if (guarded?.insideGit) throw new WorkspaceError(`Writing inside .git/ is not allowed (${protectedMessage(shown, located.relative, guarded)})`);
    const conflict = await this.conflict(located, proposal);
    if (conflict) return conflict;

    const large = Buffer.byteLength(proposal.content, 'utf8') > LARGE_WRITE_BYTES;
    const policy = this.options.approve ?? 'none';
    const why = guarded && protectedMessage(shown, located.relative, guarded);
    if (!(policy === 'all' || (policy === 'edits' && !large && !why))) {
      if (!this.options.confirm) {
        const reason = why
          ? `${why} Writing it needs the user's review, even with edits allowed; nothing was written (run with --approve all to allow it).`
          : large
            ? `The new ${shown} is over ${LARGE_WRITE_BYTES / 1024 / 1024} MB; writing files that large needs explicit approval (run with --approve all).`
            : 'Writing files needs approval and no one can give it here (approval policy "none"); run with --approve edits to allow it.';
        return { status: 'rejected', reason };
      }
      if (!(await this.options.confirm(proposal, why))) return { status: 'rejected', reason: 'The user declined the change.' };
      // The decision can take a while: look again before writing.
      const late = await this.conflict(located, proposal);
      if (late) return late;
    }
    if (signal?.aborted) return { status: 'rejected', reason: 'Cancelled before the change was written.' };
    try {
      await this.files.write(located.real, proposal.content);
    } catch (error) {
      throw new WorkspaceError(`Could not write ${shown}: ${(error as Error).message}`);
    }
    return { status: 'accepted', content: proposal.content, userModified: false };
  }

  private async conflict(located: Located, proposal: Proposal): Promise<ProposalOutcome | undefined> {
    const shown = located.resolved.display;
    const bytes = await this.files.read(located.real).catch(() => undefined);
    if (bytes === undefined) {
      return proposal.original === undefined ? undefined : { status: 'conflict', message: `${shown} was deleted after it was read.` };
    }
    if (proposal.original === undefined) return { status: 'conflict', message: `${shown} exists now, though it did not when the change was made.` };
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
    const located = await this.locator.locate(path);
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
    onEntry: (entry: WalkEntry) => boolean,
  ): Promise<void> {
    const rules = this.locator.rules(await this.locator.ignoreFiles(index, relative));
    await walkFolder({ root: this.workspaceFolders[index].root, start: relative, rules, recursive, signal, onEntry });
  }

  private async searchFolder(rg: string | undefined, index: number, relative: string, query: EngineQuery): Promise<EngineResult> {
    const files = await this.locator.ignoreFiles(index, relative);
    const ouroignore = this.locator.rules(files.filter((file) => file.name === OUROIGNORE));
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
    return rg ? searchWithRipgrep(rg, scope, query) : searchWithNode(scope, query, this.locator.rules(files));
  }

  private async isFolderLink(index: number, relative: string): Promise<boolean> {
    return stat(join(this.workspaceFolders[index].root, relative)).then(
      (info) => info.isDirectory(),
      () => false,
    );
  }
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
