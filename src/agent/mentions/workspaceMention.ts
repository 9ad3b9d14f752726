// What an @-mention of a workspace path puts in the user message: a file's lines numbered as
// read_file shows them (within its page cap, so the model need not read them again), a range of
// them (`src/a.ts:12-40`), or a folder's listing. The Workspace refuses a path outside the
// workspace, an ignored one or a symlink leading out, with its own message; so does this.
import { MAX_LIST_ENTRIES } from '../tools/listFiles';
import { MAX_FILE_BYTES, MAX_PAGE_LINES, renderLines } from '../tools/readFile';
import { formatBytes } from '../tools/fileDisplay';
import { fileNotFound, loadTextFile } from '../tools/textFile';
import { countLines } from '../workspace/text';
import { WorkspaceError, type Workspace } from '../workspace/workspace';

export interface MentionTarget {
  path: string;
  /** 1-based, inclusive; absent for a whole file or a folder. */
  startLine?: number;
  endLine?: number;
}

export interface ResolvedMention {
  kind: 'file' | 'folder';
  /** The display path, as the tools name it. */
  path: string;
  /** The lines shown (a range, or the first page of a long file); absent for a folder or an empty file. */
  startLine?: number;
  endLine?: number;
  /** What the model reads: numbered lines and a note on what was left out, or the listing. */
  content: string;
}

const RANGE = /^(.+?):(\d+)(?:-(\d+))?$/;

/** `path`, `path:12` or `path:12-40`. A colon not followed by a line number is part of the name. */
export function parseMention(text: string): MentionTarget {
  const trimmed = text.trim().replace(/^@/, '');
  const range = RANGE.exec(trimmed);
  if (!range) return { path: trimmed };
  const startLine = Number(range[2]);
  const endLine = range[3] === undefined ? startLine : Number(range[3]);
  if (startLine < 1) throw new WorkspaceError(`Line numbers start at 1: "${trimmed}".`);
  if (endLine < startLine) throw new WorkspaceError(`The range in "${trimmed}" ends before it starts.`);
  return { path: range[1], startLine, endLine };
}

/** Throws WorkspaceError, with a message for the person, when the mention cannot be used. */
export async function resolveMention(workspace: Workspace, target: MentionTarget): Promise<ResolvedMention> {
  const { display } = await workspace.resolve(target.path);
  const info = await workspace.stat(target.path);
  if (!info) throw new WorkspaceError(await fileNotFound(workspace, display));
  if (info.type === 'directory') {
    if (target.startLine !== undefined) throw new WorkspaceError(`${display} is a folder: it has no lines to mention.`);
    return { kind: 'folder', path: display, content: await folderListing(workspace, target.path, display) };
  }
  return fileMention(workspace, target);
}

async function fileMention(workspace: Workspace, target: MentionTarget): Promise<ResolvedMention> {
  const loaded = await loadTextFile(workspace, target.path, MAX_FILE_BYTES);
  if (loaded.error !== undefined) throw new WorkspaceError(loaded.error);
  const { display, file } = loaded;
  if (!file) throw new WorkspaceError(await fileNotFound(workspace, display));
  if (file.text === '') {
    if (target.startLine !== undefined) throw new WorkspaceError(`${display} is empty: it has no line ${target.startLine}.`);
    return { kind: 'file', path: display, content: `(${display} is empty)` };
  }
  const total = countLines(file.text);
  const first = target.startLine ?? 1;
  if (first > total) throw new WorkspaceError(`${display} has ${total} lines: there is no line ${first}.`);
  const wanted = Math.min(total, target.endLine ?? total);
  const page = renderLines(file.text, first, Math.min(wanted, first + MAX_PAGE_LINES - 1));
  const notes: string[] = [];
  if (file.lossy) notes.push('[Parts of this file are not valid UTF-8; they show as \uFFFD.]');
  if (page.last < wanted) {
    notes.push(`[Lines ${page.first}-${page.last} of ${total}, ${formatBytes(file.size)}. Read on with read_file from start_line=${page.last + 1}.]`);
  }
  const whole = target.startLine === undefined && page.last === total;
  return { kind: 'file', path: display, ...(whole ? {} : { startLine: page.first, endLine: page.last }), content: [page.text, ...notes].join('\n') };
}

async function folderListing(workspace: Workspace, path: string, display: string): Promise<string> {
  const listed = await workspace.list(path, { recursive: false, limit: MAX_LIST_ENTRIES });
  if (listed.entries.length === 0) return `(${display} has no files that are not ignored)`;
  const more = listed.omitted > 0 ? [`[${listed.omittedIsLowerBound ? 'At least ' : ''}${listed.omitted} more not shown.]`] : [];
  return [...listed.entries, ...more].join('\n');
}
