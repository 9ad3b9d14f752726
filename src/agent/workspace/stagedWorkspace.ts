// "Review at the end": a Workspace that stages the agent's writes instead of making them. The
// agent's own reads, listings and searches see the staged files, nothing touches the disk, and
// the agent works on without waiting. The person then keeps or undoes each file's hunks, and
// `commit` applies what was kept through the inner Workspace (whose own rules still apply:
// protected paths are reviewed there, and a file changed on disk since is a conflict).
import { describeHunkReview } from '../review/hunkReport';
import { hunksOf, withHunks } from '../review/hunks';
import { lineCounts } from '../tools/changedLines';
import type { StagedChanges } from '../tools/runApproval';
import { compileSearchPattern, textSearcher } from './nodeSearch';
import { globFilter, splitGlobs } from './globs';
import { comparePaths } from './paths';
import { MatchCollector } from './searchEngine';
import { BOM, decodeText, encodeText, withBom } from './text';
import type { FileStat, ListResult, Proposal, ProposalOutcome, ResolvedPath, SearchQuery, SearchResult, Workspace } from './workspace';

/** One staged file: what it held when the agent first staged a change to it, and what it holds now for the agent. */
export interface StagedFile {
  /** The display path. */
  path: string;
  /** The file's content before the first staged change; undefined for a file the agent created. */
  original?: string;
  content: string;
  /** The tool calls whose changes it holds, oldest first. */
  toolCallIds: string[];
  stagedAt: number;
}

export interface StagedSummary {
  path: string;
  added: number;
  removed: number;
  isNew: boolean;
  hunks: number;
}

export interface CommitResult {
  outcome: ProposalOutcome;
  /** What the model should hear about this decision. */
  report: string;
}

export class StagedWorkspace implements Workspace, StagedChanges {
  private readonly files = new Map<string, StagedFile>();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly inner: Workspace,
    initial: readonly StagedFile[] = [],
  ) {
    for (const file of initial) this.files.set(file.path, { ...file, toolCallIds: [...file.toolCallIds] });
  }

  get folders(): readonly string[] {
    return this.inner.folders;
  }

  /** Called after every change to what is staged. */
  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** What is staged, in path order (for saving with the conversation, and for the changes panel). */
  staged(): StagedFile[] {
    return [...this.files.values()].sort((a, b) => comparePaths(a.path, b.path)).map((file) => ({ ...file, toolCallIds: [...file.toolCallIds] }));
  }

  get(path: string): StagedFile | undefined {
    const file = this.files.get(path);
    return file && { ...file, toolCallIds: [...file.toolCallIds] };
  }

  /** What is staged, with its +/− counts: the changes panel's rows, and what a command lists before it runs. */
  pending(): StagedSummary[] {
    return this.staged().map((file) => ({
      path: file.path,
      ...lineCounts(file.original ?? '', file.content),
      isNew: file.original === undefined,
      hunks: hunksOf(file.original ?? '', file.content).length,
    }));
  }

  resolve(path: string): Promise<ResolvedPath> {
    return this.inner.resolve(path);
  }

  async stat(path: string): Promise<FileStat | undefined> {
    const file = await this.stagedAt(path);
    if (file) return { type: 'file', size: encodeText(file.content).byteLength, mtimeMs: file.stagedAt };
    return this.inner.stat(path);
  }

  async readFile(path: string): Promise<Uint8Array> {
    const file = await this.stagedAt(path);
    return file ? encodeText(file.content) : this.inner.readFile(path);
  }

  async list(path: string, options: { recursive: boolean; limit: number; signal?: AbortSignal }): Promise<ListResult> {
    const created = [...this.files.values()].filter((file) => file.original === undefined);
    if (!created.length) return this.inner.list(path, options);
    const { display } = await this.inner.resolve(path);
    const prefix = display === '' ? '' : `${display.replace(/\/$/, '')}/`;
    const under = created.filter((file) => file.path.startsWith(prefix));
    let listed: ListResult;
    try {
      listed = await this.inner.list(path, options);
    } catch (error) {
      // A folder only the staged files make.
      if (!under.length) throw error;
      listed = { entries: [], omitted: 0 };
    }
    const entries = new Set(listed.entries);
    for (const file of under) {
      const parts = file.path.slice(prefix.length).split('/');
      if (options.recursive) {
        for (let i = 1; i < parts.length; i++) entries.add(`${prefix}${parts.slice(0, i).join('/')}/`);
        entries.add(file.path);
      } else {
        entries.add(parts.length > 1 ? `${prefix}${parts[0]}/` : file.path);
      }
    }
    const sorted = [...entries].sort(comparePaths);
    const kept = sorted.slice(0, options.limit);
    return { ...listed, entries: kept, omitted: listed.omitted + sorted.length - kept.length };
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const scope = query.path ? (await this.inner.resolve(query.path)).display.replace(/\/$/, '') : '';
    const inScope = [...this.files.values()].filter((file) => !scope || file.path === scope || file.path.startsWith(`${scope}/`));
    if (!inScope.length) return this.inner.search(query);
    // The disk's matches, less those in staged files, whose staged text is searched instead.
    const wider = { ...query, maxMatches: query.maxMatches + this.files.size * 50 };
    const found = await this.inner.search(wider).catch((error: unknown) => {
      if (inScope.some((file) => file.path === scope)) return { matches: [], total: 0, engine: 'staged' } satisfies SearchResult;
      throw error;
    });
    const staged = new Set(inScope.map((file) => file.path));
    const onDisk = found.matches.filter((match) => !staged.has(match.path));
    const removed = found.matches.length - onDisk.length;
    const globs = globFilter(splitGlobs(query.glob));
    const collector = new MatchCollector({ context: query.context ?? 0, maxMatches: query.maxMatches, countLimit: Number.MAX_SAFE_INTEGER });
    const searchText = textSearcher(compileSearchPattern(query.pattern, query.caseSensitive), collector, query.context ?? 0);
    for (const file of inScope) {
      if (globs.includesFile(scope ? file.path.slice(scope.length + 1) || file.path : file.path)) searchText(file.path, stripBom(file.content));
    }
    const matches = [...onDisk, ...collector.matches].sort((a, b) => comparePaths(a.path, b.path) || a.line - b.line).slice(0, query.maxMatches);
    return { ...found, matches, total: found.total - removed + collector.total };
  }

  /** Stages the write (after the same conflict check a write gets): the agent goes on at once. */
  async propose(proposal: Proposal): Promise<ProposalOutcome> {
    const { display } = await this.inner.resolve(proposal.path);
    const current = this.files.get(display);
    const now = current ? current.content : await this.diskText(display);
    if ((proposal.original ?? undefined) !== now) {
      return { status: 'conflict', message: `${display} changed since it was read.` };
    }
    if (current) {
      current.content = proposal.content;
      current.toolCallIds.push(proposal.toolCallId);
      current.stagedAt = Date.now();
    } else {
      this.files.set(display, { path: display, ...(now === undefined ? {} : { original: now }), content: proposal.content, toolCallIds: [proposal.toolCallId], stagedAt: Date.now() });
    }
    // A change that took the file back to what it was is no change.
    const file = this.files.get(display);
    if (file && file.original === file.content) this.files.delete(display);
    this.changed();
    return { status: 'accepted', content: proposal.content, userModified: false, staged: true };
  }

  /**
   * Applies the staged file's hunks but those in `undone` through the inner Workspace, and
   * unstages it. On a conflict or a rejection the file stays staged.
   */
  async commit(path: string, undone: ReadonlySet<number> = new Set(), signal?: AbortSignal): Promise<CommitResult> {
    const file = this.files.get(path);
    if (!file) throw new Error(`Nothing is staged for ${path}.`);
    const original = file.original ?? '';
    const content = withHunks(original, file.content, (hunk) => !undone.has(hunk.index));
    const toolCallId = file.toolCallIds[file.toolCallIds.length - 1];
    const outcome =
      content === original && file.original !== undefined
        ? ({ status: 'accepted', content, userModified: false } as const)
        : await this.inner.propose({ path, content, original: file.original, summary: 'staged changes', toolCallId }, signal);
    if (outcome.status === 'accepted') {
      this.files.delete(path);
      this.changed();
      return { outcome, report: describeHunkReview({ path, original, proposed: file.content, written: outcome.content, undone }) };
    }
    if (outcome.status === 'conflict') return { outcome, report: `${outcome.message} Your staged changes to ${path} were not applied; they stay staged.` };
    return { outcome, report: `The user did not apply your staged changes to ${path}${outcome.reason ? `: ${outcome.reason}` : '.'}` };
  }

  /** Keeps every staged change (the changes panel's "Keep all", and "Keep these and run"). */
  async keepAll(signal?: AbortSignal): Promise<string> {
    const reports: string[] = [];
    for (const file of this.staged()) reports.push((await this.commit(file.path, new Set(), signal)).report);
    return reports.join('\n');
  }

  /** Drops the staged changes to `path` (all of them undone): the disk keeps what it has. */
  discard(path: string): string {
    const file = this.files.get(path);
    if (!file) throw new Error(`Nothing is staged for ${path}.`);
    this.files.delete(path);
    this.changed();
    const hunks = hunksOf(file.original ?? '', file.content);
    return describeHunkReview({ path, original: file.original ?? '', proposed: file.content, written: file.original ?? '', undone: new Set(hunks.map((hunk) => hunk.index)) });
  }

  private async stagedAt(path: string): Promise<StagedFile | undefined> {
    if (!this.files.size) return undefined;
    return this.files.get((await this.inner.resolve(path)).display);
  }

  /** The file's text on disk, or undefined when there is none. */
  private async diskText(path: string): Promise<string | undefined> {
    const info = await this.inner.stat(path);
    if (info?.type !== 'file') return undefined;
    const decoded = decodeText(await this.inner.readFile(path));
    // A proposal carries a byte-order mark as a leading U+FEFF: compare like with like.
    return decoded.kind === 'text' ? withBom(decoded.text, decoded.bom) : undefined;
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}
