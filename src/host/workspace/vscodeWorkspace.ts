// The Workspace port over vscode.workspace.fs only, so the tools work the same in local,
// Remote-SSH, WSL, container and virtual workspaces. It follows the Node workspace's rules (the
// shared pure path and ignore functions, the same messages' gist); writes go to the diff review,
// or straight in when edits are auto-approved and the write is not a large one.
import * as vscode from 'vscode';
import { splitGlobs } from '../../agent/workspace/globs';
import { IgnoreRules, OUROIGNORE, anchorIgnoreFile, ignoreFilesFor, isSecret, isUnlisted } from '../../agent/workspace/ignoreRules';
import { comparePaths, displayPath, nameFolders, resolveWorkspacePath } from '../../agent/workspace/paths';
import { protectedMessage, protectedTarget } from '../../agent/workspace/protectedPaths';
import { encodeText } from '../../agent/workspace/text';
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
} from '../../agent/workspace/workspace';
import { applyProposal } from '../review/applyProposal';
import type { DiffReview } from '../review/diffReview';
import { withNewProblems } from '../review/editProblems';
import { LateProblems } from '../review/lateProblems';
import { walkWorkspaceFolder } from './fsWalk';
import { IGNORE_CASE, followLinks, notFollowed, type Folder, type LinkTarget } from './linkTargets';
import { RecentReads } from './recentReads';
import type { OuroSettings } from '../settings/settings';
import { VsCodeDiagnostics } from '../review/vscodeDiagnostics';
import { searchFolder } from './workspaceSearch';

interface Located extends LinkTarget {
  resolved: ResolvedPath;
  index: number;
  folder: Folder;
  uri: vscode.Uri;
  secret: boolean;
}

type IgnoreFile = { dir: string; name: '.gitignore' | '.ouroignore'; content: string };

/** A listing stops walking here, so a huge tree cannot stall the agent; the count is then a floor. */
const WALK_LIMIT = 200_000;
/** Matching lines counted beyond the ones returned before the total becomes "at least". */
const COUNT_LIMIT = 10_000;

export class VsCodeWorkspace implements Workspace {
  private readonly ignoreFileCache = new RecentReads();
  /** Problems reported on edited files after their results went back, for the model's next request. */
  readonly lateProblems = new LateProblems(new VsCodeDiagnostics(this));

  constructor(
    private readonly review: DiffReview,
    private readonly settings: () => Pick<OuroSettings, 'autoApproveEdits' | 'allowSecretFiles'>,
  ) {}

  get folders(): readonly string[] {
    return this.folderList().map((folder) => folder.name);
  }

  async resolve(path: string): Promise<ResolvedPath> {
    return (await this.locate(path)).resolved;
  }

  async stat(path: string): Promise<FileStat | undefined> {
    const { stat } = await this.locate(path);
    if (!stat) return undefined;
    return { type: stat.type & vscode.FileType.Directory ? 'directory' : stat.type & vscode.FileType.File ? 'file' : 'other', size: stat.size, mtimeMs: stat.mtime };
  }

  async readFile(path: string): Promise<Uint8Array> {
    const { resolved, stat, uri, secret } = await this.locate(path);
    if (!stat) throw new WorkspaceError(`File not found: ${resolved.display}`);
    if (stat.type & vscode.FileType.Directory) throw new WorkspaceError(`${resolved.display} is a folder, not a file.`);
    if (secret && !this.settings().allowSecretFiles) {
      throw new WorkspaceError(`${resolved.display} may hold secrets (an environment file or a private key), so reading it is refused unless the user allows it (setting ouro.allowSecretFiles).`);
    }
    return vscode.workspace.fs.readFile(uri);
  }

  async list(path: string, options: { recursive: boolean; limit: number; signal?: AbortSignal }): Promise<ListResult> {
    const folders = this.folderList();
    const found: string[] = [];
    let stopped = false;
    for (const start of await this.startingPoints(path, 'list')) {
      if (start.wholeWorkspace) {
        found.push(`${displayPath(folders, start.index, '')}/`);
        if (!options.recursive) continue;
      }
      await walkWorkspaceFolder({
        folder: folders[start.index].uri,
        start: start.relative,
        rules: this.rules(await this.ignoreFiles(folders[start.index], start.relative)),
        recursive: options.recursive,
        signal: options.signal,
        onEntry: (entry) => {
          found.push(displayPath(folders, start.index, entry.relative) + (entry.kind === 'directory' ? '/' : ''));
          stopped = found.length >= WALK_LIMIT;
          return !stopped;
        },
      });
      if (stopped) break;
    }
    // Shallow entries first when cutting, so a long listing still shows the tree's top.
    const kept = found.length <= options.limit ? found : [...found].sort((a, b) => depth(a) - depth(b) || comparePaths(a, b)).slice(0, options.limit);
    return { entries: kept.sort(comparePaths), omitted: found.length - kept.length, ...(stopped ? { omittedIsLowerBound: true } : {}) };
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const folders = this.folderList();
    const matches: SearchMatch[] = [];
    let total = 0;
    let totalIsLowerBound = false;
    let engine = 'node';
    for (const start of await this.startingPoints(query.path ?? '', 'search')) {
      const folder = folders[start.index];
      const files = await this.ignoreFiles(folder, start.relative);
      const ouroignore = this.rules(files.filter((file) => file.name === OUROIGNORE));
      const below = start.relative === '' ? 0 : start.relative.length + 1;
      const allowSecrets = this.settings().allowSecretFiles;
      const found = await searchFolder(
        {
          folder: folder.uri,
          scope: {
            root: folder.uri.fsPath,
            relative: start.relative,
            extraIgnores: files.map((file) => anchorIgnoreFile(file.dir, file.content)).join('\n'),
            allows: (rel) => (allowSecrets || !isSecret(rel)) && !ouroignore.hides(rel, false) && !isUnlisted(rel.slice(below)),
          },
          rules: () => this.rules(files),
        },
        {
          pattern: query.pattern,
          globs: splitGlobs(query.glob),
          caseSensitive: query.caseSensitive,
          context: query.context ?? 0,
          maxMatches: Math.max(0, query.maxMatches - matches.length),
          countLimit: Math.max(COUNT_LIMIT, query.maxMatches),
          signal: query.signal,
        },
      );
      engine = found.engine;
      for (const match of found.result.matches) matches.push({ ...match, path: displayPath(folders, start.index, match.path) });
      total += found.result.total;
      totalIsLowerBound ||= found.result.totalIsLowerBound;
    }
    matches.sort((a, b) => comparePaths(a.path, b.path) || a.line - b.line);
    return { matches, total, engine, ...(totalIsLowerBound ? { totalIsLowerBound } : {}) };
  }

  async propose(proposal: Proposal, signal?: AbortSignal): Promise<ProposalOutcome> {
    const located = await this.locate(proposal.path);
    const { resolved, stat, uri } = located;
    if (stat && stat.type & vscode.FileType.Directory) throw new WorkspaceError(`${resolved.display} is a folder; give the path of a file.`);
    const guarded = await protectedTarget(located.realRoot, located.real, { exists: located.exists, ignoreCase: IGNORE_CASE });
    const why = guarded && protectedMessage(resolved.display, resolved.relative, guarded);
    if (guarded?.insideGit) throw new WorkspaceError(`Writing inside .git/ is not allowed (${why})`);
    const named = { ...proposal, path: resolved.display };
    const large = encodeText(proposal.content).byteLength > LARGE_WRITE_BYTES;
    // A protected write always opens the review, auto-approved edits or not, and says why.
    const write = () => (this.settings().autoApproveEdits && !large && !why ? this.review.applyDirectly(uri, named) : this.review.review(uri, named, signal, why));
    return withNewProblems(new VsCodeDiagnostics(this), uri, resolved.display, write, { late: this.lateProblems });
  }

  /**
   * Writes changes the person kept in the changes panel (review at the end): they reviewed them
   * there, so there is no second review; one WorkspaceEdit, refused on a conflict.
   */
  async applyKept(proposal: Proposal): Promise<ProposalOutcome> {
    const located = await this.locate(proposal.path);
    const guarded = await protectedTarget(located.realRoot, located.real, { exists: located.exists, ignoreCase: IGNORE_CASE });
    if (guarded?.insideGit) throw new WorkspaceError(`Writing inside .git/ is not allowed (${protectedMessage(located.resolved.display, located.resolved.relative, guarded)})`);
    return applyProposal(located.uri, { ...proposal, path: located.resolved.display }, proposal.content);
  }

  /** The display path of a file inside a workspace folder; undefined for anything else. */
  displayPathOf(uri: vscode.Uri): string | undefined {
    const folders = this.folderList();
    const index = folders.findIndex((folder) => folder.uri.scheme === uri.scheme && folder.uri.authority === uri.authority && (uri.path === folder.uri.path || uri.path.startsWith(`${folder.uri.path.replace(/\/$/, '')}/`)));
    if (index < 0) return undefined;
    return displayPath(folders, index, uri.path.slice(folders[index].uri.path.replace(/\/$/, '').length + 1));
  }

  /** The URI a model-supplied path stands for, after every check. */
  async uriOf(path: string): Promise<vscode.Uri> {
    return (await this.locate(path)).uri;
  }

  private folderList(): Folder[] {
    const open = vscode.workspace.workspaceFolders ?? [];
    return nameFolders(open.map((folder) => (folder.uri.scheme === 'file' ? folder.uri.fsPath : folder.uri.path))).map((folder, index) => ({ ...folder, uri: open[index].uri }));
  }

  /** Resolves a model-supplied path and applies the checks the port promises. */
  private async locate(input: string): Promise<Located> {
    const folders = this.folderList();
    const path = resolveWorkspacePath(folders, input, { ignoreCase: IGNORE_CASE });
    const folder = folders[path.index];
    const uri = path.relative === '' ? folder.uri : vscode.Uri.joinPath(folder.uri, path.relative);
    const link = folder.uri.scheme === 'file' ? await followLinks(folders, path.display, uri) : await notFollowed(folder, path.index, path.relative, path.display, uri);
    const isDirectory = link.stat !== undefined && (link.stat.type & vscode.FileType.Directory) !== 0;
    this.assertVisible(await this.rulesFor(folder, path.relative), path.relative, isDirectory, path.display);
    if (link.target.index !== path.index || link.target.relative !== path.relative) {
      this.assertVisible(await this.rulesFor(folders[link.target.index], link.target.relative), link.target.relative, isDirectory, path.display);
    }
    return {
      resolved: { display: path.display, root: folder.root, relative: path.relative },
      index: path.index,
      folder,
      uri,
      ...link,
      secret: isSecret(path.relative) || isSecret(link.target.relative),
    };
  }

  private async rulesFor(folder: Folder, relative: string): Promise<IgnoreRules> {
    return this.rules(await this.ignoreFiles(folder, relative));
  }

  private assertVisible(rules: IgnoreRules, relative: string, isDirectory: boolean, shown: string): void {
    const hiddenBy = rules.hiddenBy(relative, isDirectory);
    if (hiddenBy) throw new WorkspaceError(`${shown} is excluded by ${hiddenBy}; ignored files are hidden from the tools.`);
  }

  /** Where a list or search starts: the named folder, or every workspace folder. */
  private async startingPoints(path: string, purpose: 'list' | 'search'): Promise<Array<{ index: number; relative: string; wholeWorkspace?: boolean }>> {
    const folders = this.folderList();
    if (['', '.', './'].includes(path.trim()) && (folders.length > 1 || purpose === 'search')) {
      return folders.map((_, index) => ({ index, relative: '', wholeWorkspace: folders.length > 1 }));
    }
    const { resolved, stat, index } = await this.locate(path);
    if (!stat) throw new WorkspaceError(`${purpose === 'list' ? 'Folder' : 'Path'} not found: ${resolved.display}`);
    if (purpose === 'list' && !(stat.type & vscode.FileType.Directory)) throw new WorkspaceError(`${resolved.display} is a file, not a folder; read it with read_file.`);
    return [{ index, relative: resolved.relative }];
  }

  /** The existing ignore files that decide about `relative`, in the order to apply them. */
  private async ignoreFiles(folder: Folder, relative: string): Promise<IgnoreFile[]> {
    const files = await Promise.all(
      ignoreFilesFor(relative).map(async (file) => {
        const content = await this.ignoreFileCache.read(vscode.Uri.joinPath(folder.uri, file.dir, file.name));
        return content === undefined ? undefined : { ...file, content };
      }),
    );
    return files.filter((file) => file !== undefined);
  }

  private rules(files: readonly IgnoreFile[]): IgnoreRules {
    const rules = new IgnoreRules();
    for (const file of files) rules.add(file.dir, file.name, file.content);
    return rules;
  }
}

function depth(path: string): number {
  return path.replace(/\/$/, '').split('/').length;
}
