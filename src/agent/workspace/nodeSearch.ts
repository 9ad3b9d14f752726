// The search used when no ripgrep can be found: the same walk and ignore rules as listing, a
// JavaScript RegExp per line, and the same result shape and caps as the ripgrep engine.
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { WorkspaceError } from './workspace';
import { globFilter } from './globs';
import type { IgnoreRules } from './ignoreRules';
import { MatchCollector, MAX_SEARCH_FILE_BYTES, isCaseSensitive, type EngineQuery, type EngineResult, type SearchScope } from './searchEngine';
import { BOM } from './text';
import { walkFolder } from './walk';

/** Files searched between two turns of the event loop. */
const FILES_PER_SLICE = 256;

/**
 * Compiles the pattern as ripgrep would read it, as far as JavaScript allows: Unicode-aware
 * when the pattern is valid that way, and a leading `(?i)` (Rust syntax) as the `i` flag.
 */
export function compileSearchPattern(pattern: string, caseSensitive: boolean | undefined): RegExp {
  let source = pattern;
  let sensitive = isCaseSensitive(pattern, caseSensitive);
  if (source.startsWith('(?i)')) {
    source = source.slice(4);
    sensitive = false;
  }
  const flags = sensitive ? '' : 'i';
  try {
    return new RegExp(source, `${flags}u`);
  } catch (error) {
    try {
      return new RegExp(source, flags);
    } catch {
      throw new WorkspaceError(`Invalid regular expression: ${(error as Error).message}`);
    }
  }
}

export async function searchWithNode(scope: SearchScope, query: EngineQuery, rules: IgnoreRules): Promise<EngineResult> {
  const regex = compileSearchPattern(query.pattern, query.caseSensitive);
  const globs = globFilter(query.globs);
  const files: string[] = [];
  const info = await stat(join(scope.root, scope.relative));
  if (info.isFile()) {
    if (scope.allows(scope.relative)) files.push(scope.relative);
  } else {
    await walkFolder({
      root: scope.root,
      start: scope.relative,
      rules,
      recursive: true,
      signal: query.signal,
      skipFolder: (relative) => globs.excludesFolder(relative),
      onEntry: (entry) => {
        if (entry.type === 'file' && globs.includesFile(entry.relative) && scope.allows(entry.relative)) files.push(entry.relative);
      },
    });
  }

  const collector = new MatchCollector(query);
  const searchText = textSearcher(regex, collector, query.context);

  // Small synchronous reads are several times faster than promise-based ones (no thread-pool
  // round trip per call); yielding between slices keeps the event loop and cancellation alive.
  for (let i = 0; i < files.length && !collector.full; i++) {
    if (i % FILES_PER_SLICE === 0) {
      await new Promise((resolve) => setImmediate(resolve));
      if (query.signal?.aborted) throw query.signal.reason;
    }
    const text = readSearchable(join(scope.root, files[i]));
    if (text !== undefined) searchText(files[i], text);
  }
  return { matches: collector.matches, total: collector.total, totalIsLowerBound: collector.full };
}

/** Searches one file's text line by line into `collector`, as ripgrep reports it. */
export function textSearcher(regex: RegExp, collector: MatchCollector, context: number): (path: string, text: string) => void {
  // Most files do not match at all: one test over the whole text rules them out without
  // splitting lines. Only where lines end in LF, since `$` would not match before a CR.
  const anyLine = new RegExp(regex.source, `${regex.flags}m`);
  return (path, text) => {
    if (!text.includes('\r') && !anyLine.test(text)) return;
    collector.startFile();
    let lineNumber = 0;
    for (let start = 0; start < text.length && !collector.full; ) {
      const end = text.indexOf('\n', start);
      const stop = end < 0 ? text.length : end;
      const line = text.charCodeAt(stop - 1) === 13 ? text.slice(start, stop - 1) : text.slice(start, stop);
      lineNumber++;
      if (regex.test(line)) collector.match(path, lineNumber, line);
      else if (context > 0) collector.contextLine(lineNumber, line);
      start = stop + 1;
    }
  };
}

/** The file's text, or undefined for files ripgrep would skip too: too large or binary. */
function readSearchable(file: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    if (fstatSync(fd).size > MAX_SEARCH_FILE_BYTES) return undefined;
    const bytes = readFileSync(fd);
    if (bytes.includes(0)) return undefined;
    // ripgrep drops a UTF-8 BOM too, so `^` anchors at the first real character.
    const text = bytes.toString('utf8');
    return text.startsWith(BOM) ? text.slice(1) : text;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
