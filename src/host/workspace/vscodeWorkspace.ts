// The Workspace port over vscode.workspace.fs only, so the tools work the same in local,
// Remote-SSH, WSL, container and virtual workspaces. It follows the Node workspace's rules (the
// shared pure path and ignore functions, the same messages' gist); writes go to the diff review,
// or straight in when edits are auto-approved and the write is not a large one.
import * as vscode from 'vscode';
import { splitGlobs } from '../../agent/workspace/globs';
import { IgnoreRules, OUROIGNORE, anchorIgnoreFile, ignoreFilesFor, isSecret, isUnlisted } from '../../agent/workspace/ignoreRules';
import { comparePaths, displayPath, nameFolders, resolveWorkspacePath, type WorkspaceFolder } from '../../agent/workspace/paths';
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
import type { DiffReview } from '../review/diffReview';
import { withNewProblems } from '../review/editProblems';
import { walkWorkspaceFolder } from './fsWalk';
import { RecentReads } from './recentReads';
import type { OuroSettings } from '../settings/settings';
import { VsCodeDiagnostics } from '../review/vscodeDiagnostics';
import { searchFolder } from './workspaceSearch';

interface Folder extends WorkspaceFolder {
  uri: vscode.Uri;
}

interface Located {
  resolved: ResolvedPath;
  index: number;
  folder: Folder;
  uri: vscode.Uri;
  stat?: vscode.FileStat;
}

type IgnoreFile = { dir: string; name: '.gitignore' | '.ouroignore'; content: string };

/** A listing stops walking here, so a huge tree cannot stall the agent; the count is then a floor. */
const WALK_LIMIT = 200_000;
/** Matching lines counted beyond the ones returned before the total becomes "at least". */
const COUNT_LIMIT = 10_000;

export class VsCodeWorkspace implements Workspace {
  private readonly ignoreFileCache = new RecentReads();

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
    const { resolved, stat, uri } = await this.locate(path);
    if (!stat) throw new WorkspaceError(`File not found: ${resolved.display}`);
    if (stat.type & vscode.FileType.Directory) throw new WorkspaceError(`${resolved.display} is a folder, not a file.`);
    if (isSecret(resolved.relative) && !this.settings().allowSecretFiles) {
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
    const { resolved, stat, uri } = await this.locate(proposal.path);
    if (stat && stat.type & vscode.FileType.Directory) throw new WorkspaceError(`${resolved.display} is a folder; give the path of a file.`);
    if (resolved.relative.split('/').includes('.git')) throw new WorkspaceError(`Writing inside .git/ is not allowed (${resolved.display}).`);
    const named = { ...proposal, path: resolved.display };
    const large = encodeText(proposal.content).byteLength > LARGE_WRITE_BYTES;
    const write = () => (this.settings().autoApproveEdits && !large ? this.review.applyDirectly(uri, named) : this.review.review(uri, named, signal));
    return withNewProblems(new VsCodeDiagnostics(this), uri, resolved.display, write);
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
    const path = resolveWorkspacePath(folders, input, { ignoreCase: process.platform !== 'linux' });
    const folder = folders[path.index];
    const uri = path.relative === '' ? folder.uri : vscode.Uri.joinPath(folder.uri, path.relative);
    const stat = await refuseSymlinks(folder.uri, path.relative, path.display);
    const isDirectory = stat !== undefined && (stat.type & vscode.FileType.Directory) !== 0;
    const hiddenBy = this.rules(await this.ignoreFiles(folder, path.relative)).hiddenBy(path.relative, isDirectory);
    if (hiddenBy) throw new WorkspaceError(`${path.display} is excluded by ${hiddenBy}; ignored files are hidden from the tools.`);
    return { resolved: { display: path.display, root: folder.root, relative: path.relative }, index: path.index, folder, uri, stat };
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

/**
 * workspace.fs cannot tell where a link points, so a path through any symbolic link is refused:
 * it could lead outside the workspace. Returns the stat of the path itself, if it exists. Every
 * prefix is looked at at once: in a remote window each look is a round trip.
 */
async function refuseSymlinks(folder: vscode.Uri, relative: string, display: string): Promise<vscode.FileStat | undefined> {
  const segments = relative.split('/').filter(Boolean);
  const prefixes = segments.map((_, index) => segments.slice(0, index + 1));
  const stats = await Promise.all([folder, ...prefixes.map((prefix) => vscode.Uri.joinPath(folder, ...prefix))].map((uri) => vscode.workspace.fs.stat(uri).then(undefined, () => undefined)));
  for (let depth = 0; depth < stats.length; depth++) {
    const stat = stats[depth];
    if (!stat) return undefined; // the rest does not exist (yet: a new file)
    if (depth > 0 && stat.type & vscode.FileType.SymbolicLink) {
      throw new WorkspaceError(`${display} goes through a symbolic link (${prefixes[depth - 1].join('/')}), which Ouro does not follow in the editor.`);
    }
  }
  return stats[stats.length - 1];
}

function depth(path: string): number {
  return path.replace(/\/$/, '').split('/').length;
}
