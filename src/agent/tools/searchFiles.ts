// search_files: a regular-expression search over the workspace (ripgrep, or plain Node where no
// ripgrep is found), shown as `path:line: text` with a line of context, capped.
import * as z from 'zod';
import type { SearchMatch } from '../workspace/workspace';
import { defineTool } from './tool';
import { reportingFailures } from './toolFailure';

export const MAX_SEARCH_MATCHES = 100;
const CONTEXT_LINES = 1;

const schema = z.object({
  pattern: z.string().min(1).describe('Regular expression'),
  path: z.string().optional().describe('File or folder; default: everywhere'),
  glob: z.string().optional().describe('e.g. *.ts or src/**/*.test.ts'),
  case_sensitive: z.boolean().optional().describe('Default: only when the pattern has capitals'),
});

export const searchFilesTool = defineTool({
  name: 'search_files',
  description: 'Search file contents with a regular expression. Returns path:line: text with a line of context. Ignored files are skipped.',
  schema,
  kind: 'read',
  run: reportingFailures(async (args, ctx) => {
    const result = await ctx.workspace.search({
      pattern: args.pattern,
      path: args.path,
      glob: args.glob,
      caseSensitive: args.case_sensitive,
      context: CONTEXT_LINES,
      maxMatches: MAX_SEARCH_MATCHES,
      signal: ctx.signal,
    });
    if (result.matches.length === 0) {
      const where = `${args.path ? ` in ${args.path}` : ''}${args.glob ? ` (glob ${args.glob})` : ''}`;
      return { content: `No matches for ${args.pattern}${where}. Files hidden by .gitignore or .ouroignore are not searched.` };
    }
    const lines = renderMatches(result.matches);
    if (result.total > result.matches.length || result.totalIsLowerBound) {
      const total = result.totalIsLowerBound ? `at least ${result.total}` : `${result.total}`;
      lines.push(`[${result.matches.length} of ${total} matching lines shown. Narrow the pattern, path or glob to see the others.]`);
    }
    return { content: lines.join('\n') };
  }),
});

/**
 * grep's layout: `path:12: text` for a match, `path-11- text` for context, `--` between groups
 * that are not adjacent. A context line shared by two nearby matches is printed once.
 */
export function renderMatches(matches: readonly SearchMatch[]): string[] {
  const out: string[] = [];
  let lastPath: string | undefined;
  let lastLine = 0;
  for (const match of matches) {
    const rows: Array<[string, number, string]> = [
      ...(match.before ?? []).map(([line, text]): [string, number, string] => ['-', line, text]),
      [':', match.line, match.text],
      ...(match.after ?? []).map(([line, text]): [string, number, string] => ['-', line, text]),
    ];
    for (const [mark, line, text] of rows) {
      if (match.path === lastPath && line <= lastLine) continue;
      if (lastPath !== undefined && (match.path !== lastPath || line > lastLine + 1)) out.push('--');
      out.push(`${match.path}${mark}${line}${mark} ${text}`);
      lastPath = match.path;
      lastLine = line;
    }
  }
  return out;
}
