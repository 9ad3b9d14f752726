// read_file: a text file with line numbers, a page at a time, saying what was left out.
import * as z from 'zod';
import { countLines } from '../workspace/text';
import { formatBytes, numberWidth, numberedLine } from './fileDisplay';
import { fileNotFound, loadTextFile } from './textFile';
import { defineTool } from './tool';
import { failure, reportingFailures } from './toolFailure';

/** One page: enough for most source files, small enough for any context window. */
export const MAX_PAGE_LINES = 2000;
export const MAX_PAGE_CHARS = 256 * 1024;
/** Larger files are not loaded at all: searching them serves better. */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

const schema = z.object({
  path: z.string(),
  start_line: z.number().int().min(1).optional().describe('1-based'),
  end_line: z.number().int().min(1).optional().describe('Inclusive'),
});

export const readFileTool = defineTool({
  name: 'read_file',
  description: `Read a text file with line numbers. Long files come in pages of ${MAX_PAGE_LINES} lines; use start_line/end_line for more.`,
  schema,
  kind: 'read',
  run: reportingFailures(async (args, ctx) => {
    const loaded = await loadTextFile(ctx.workspace, args.path, MAX_FILE_BYTES);
    if (loaded.error !== undefined) return failure(loaded.error);
    const { display, file } = loaded;
    if (!file) return failure(await fileNotFound(ctx.workspace, display));
    if (file.text === '') return { content: `(${display} is empty)` };

    const total = countLines(file.text);
    const first = args.start_line ?? 1;
    if (first > total) return failure(`start_line ${first} is past the end: ${display} has ${total} lines.`);
    if (args.end_line !== undefined && args.end_line < first) return failure(`end_line ${args.end_line} is before start_line ${first}.`);
    const last = Math.min(total, args.end_line ?? first + MAX_PAGE_LINES - 1, first + MAX_PAGE_LINES - 1);

    const page = renderLines(file.text, first, last);
    const notes: string[] = [];
    if (file.lossy) notes.push('[Parts of this file are not valid UTF-8; they show as \uFFFD.]');
    if (page.first !== 1 || page.last !== total) {
      const more = page.last < total ? ` Continue with start_line=${page.last + 1}.` : '';
      const cut = page.last < last ? ` (page cut at ${formatBytes(MAX_PAGE_CHARS)})` : '';
      notes.push(`[Lines ${page.first}-${page.last} of ${total}, ${formatBytes(file.size)}${cut}.${more}]`);
    }
    return { content: [page.text, ...notes].join('\n') };
  }),
});

/**
 * Lines `first`..`last`, numbered, without splitting the whole file into an array (a 10 MB log
 * has hundreds of thousands of lines); stops early at the page's character cap.
 */
export function renderLines(text: string, first: number, last: number): { text: string; first: number; last: number } {
  const width = numberWidth(last);
  const out: string[] = [];
  let chars = 0;
  let lineNumber = 0;
  let shownLast = first - 1;
  for (let start = 0; start < text.length && lineNumber < last; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    lineNumber++;
    if (lineNumber >= first) {
      const line = numberedLine(lineNumber, text.slice(start, text.charCodeAt(end - 1) === 13 ? end - 1 : end), width);
      if (chars + line.length > MAX_PAGE_CHARS && out.length > 0) break;
      out.push(line);
      chars += line.length + 1;
      shownLast = lineNumber;
    }
    start = end + 1;
  }
  return { text: out.join('\n'), first, last: shownLast };
}
