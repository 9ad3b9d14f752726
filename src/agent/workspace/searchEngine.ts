// What the two search engines (ripgrep and the plain-Node fallback) are given and give back, so
// the workspace can use either and they answer alike.
import type { SearchMatch } from './workspace';

/** One workspace folder to search, and what of it may be shown. */
export interface SearchScope {
  /** The folder's absolute path; the engines run there, so globs match folder-relative paths. */
  root: string;
  /** File or folder to search, relative to `root` ("" for all of it). */
  relative: string;
  /**
   * Ignore rules ripgrep cannot find by itself, in gitignore syntax relative to `root`: the
   * .gitignore files of the folders above `relative` and the .ouroignore.
   */
  extraIgnores?: string;
  /** An ignore file on disk with patterns relative to `root` (the folder's .ouroignore). */
  ouroignoreFile?: string;
  /** Files below `relative` that may be shown (the engines honour .gitignore themselves). */
  allows(relative: string): boolean;
}

export interface EngineQuery {
  pattern: string;
  globs: readonly string[];
  /** undefined: smart case (case-insensitive unless the pattern has an upper-case letter). */
  caseSensitive?: boolean;
  context: number;
  /** Matching lines to return. */
  maxMatches: number;
  /** Stop counting matching lines here and call the total a lower bound. */
  countLimit: number;
  signal?: AbortSignal;
}

export interface EngineResult {
  /** Paths relative to the scope's root. */
  matches: SearchMatch[];
  total: number;
  totalIsLowerBound: boolean;
}

/** Lines longer than this are cut: minified files would otherwise flood the reply. */
export const MAX_LINE_CHARS = 300;

/** Files larger than this are not searched by either engine. */
export const MAX_SEARCH_FILE_BYTES = 50 * 1024 * 1024;

export function clipLine(text: string): string {
  return text.length > MAX_LINE_CHARS ? `${text.slice(0, MAX_LINE_CHARS)}… [${text.length - MAX_LINE_CHARS} more chars]` : text;
}

/** ripgrep's --smart-case: any upper-case letter outside an escape makes the search case-sensitive. */
export function isCaseSensitive(pattern: string, caseSensitive: boolean | undefined): boolean {
  if (caseSensitive !== undefined) return caseSensitive;
  return /\p{Lu}/u.test(pattern.replace(/\\[A-Za-z]/g, ''));
}

/**
 * Collects a file's matches with context from the stream of its lines as either engine meets
 * them, so both attach context the same way: a context line belongs to the match after it and
 * to the match before it when it is within `context` lines of each.
 */
export class MatchCollector {
  readonly matches: SearchMatch[] = [];
  total = 0;
  private pending: Array<[number, string]> = [];
  private last: SearchMatch | undefined;

  constructor(private readonly query: Pick<EngineQuery, 'context' | 'maxMatches' | 'countLimit'>) {}

  get full(): boolean {
    return this.total >= this.query.countLimit;
  }

  startFile(): void {
    this.pending = [];
    this.last = undefined;
  }

  match(path: string, line: number, text: string): void {
    this.total++;
    if (this.matches.length >= this.query.maxMatches) {
      this.last = undefined;
      return;
    }
    const match: SearchMatch = { path, line, text: clipLine(text) };
    const before = this.pending.filter(([n]) => n >= line - this.query.context && n < line);
    if (before.length > 0) match.before = before;
    this.matches.push(match);
    this.pending = [];
    this.last = match;
  }

  contextLine(line: number, text: string): void {
    const entry: [number, string] = [line, clipLine(text)];
    if (this.last && line - this.last.line <= this.query.context) (this.last.after ??= []).push(entry);
    this.pending.push(entry);
    if (this.pending.length > this.query.context) this.pending.shift();
  }
}
