// The Workspace port: the only way tools touch files. The Node implementation serves the CLI
// and the unit tests; the VS Code implementation (src/host) goes through vscode.workspace.fs
// and opens the diff editor for `propose`.

/** A path the resolver accepted: inside a workspace folder, not ignored, not a symlink escape. */
export interface ResolvedPath {
  /** The path as shown to the model: relative to its folder, with `/` separators (multi-root: `folder/rel`). */
  display: string;
  /** Which workspace folder it is in. */
  root: string;
  /** Path relative to that folder, `/` separated; "" for the folder itself. */
  relative: string;
}

export type EntryType = 'file' | 'directory' | 'other';

export interface FileStat {
  type: EntryType;
  size: number;
  mtimeMs: number;
}

export interface ListResult {
  /** Display paths, folders ending in `/`, sorted. */
  entries: string[];
  /** How many entries were left out by the limit. */
  omitted: number;
  /** The walk stopped early in a very large tree: `omitted` is a lower bound. */
  omittedIsLowerBound?: boolean;
}

export interface SearchQuery {
  pattern: string;
  path?: string;
  glob?: string;
  caseSensitive?: boolean;
  /** Lines of context around each match. */
  context?: number;
  maxMatches: number;
  signal?: AbortSignal;
}

export interface SearchMatch {
  path: string;
  line: number;
  text: string;
  /** Context lines before and after the match: [line number, text]. */
  before?: Array<[number, string]>;
  after?: Array<[number, string]>;
}

export interface SearchResult {
  matches: SearchMatch[];
  /** Total matches found, which can be more than `matches.length`. */
  total: number;
  /** Which engine answered: 'ripgrep' or 'node'. */
  engine: string;
  /** Counting stopped early: there are at least `total` matches. */
  totalIsLowerBound?: boolean;
}

export interface Proposal {
  /** The display path of the file (it need not exist yet). */
  path: string;
  /** The full new content of the file; a UTF-8 byte-order mark is kept as a leading U+FEFF. */
  content: string;
  /** What the file held when the tool read it (BOM as U+FEFF); undefined for a new file. Used to detect conflicts. */
  original?: string;
  /** A short description for the reviewer, e.g. "edit_file: replace 3 lines". */
  summary: string;
  /** The tool call that made this proposal. */
  toolCallId: string;
}

export type ProposalOutcome =
  /**
   * Applied. `content` is what was written: the user may have edited the proposal. `problems`: the
   * errors and warnings the language servers found that the edit introduced, where a host knows them.
   * `staged`: held for the person's review at the end, not on disk yet (see StagedWorkspace).
   * `undone`: set when the person decided the proposal's changes one by one: the changes
   * (hunks, see review/hunks.ts) they undid, by index; every other change was kept.
   */
  | { status: 'accepted'; content: string; userModified: boolean; problems?: string; staged?: boolean; undone?: number[] }
  | { status: 'rejected'; reason?: string }
  /** The file changed on disk since it was read: nothing was written. */
  | { status: 'conflict'; message: string };

/** Writes larger than this (in bytes) need explicit approval, not just "edits are allowed". */
export const LARGE_WRITE_BYTES = 1024 * 1024;

/** Thrown by the port with a message written for the model (it becomes a tool error result). */
export class WorkspaceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkspaceError';
  }
}

export interface Workspace {
  /** Names of the workspace folders (one for a single-root workspace). */
  readonly folders: readonly string[];
  /** Resolve a model-supplied path. Throws WorkspaceError when it is outside, ignored or refused. */
  resolve(path: string): Promise<ResolvedPath>;
  stat(path: string): Promise<FileStat | undefined>;
  readFile(path: string): Promise<Uint8Array>;
  list(path: string, options: { recursive: boolean; limit: number; signal?: AbortSignal }): Promise<ListResult>;
  search(query: SearchQuery): Promise<SearchResult>;
  /** Review a write. Resolves when the reviewer decided (or the approval policy did). */
  propose(proposal: Proposal, signal?: AbortSignal): Promise<ProposalOutcome>;
}
