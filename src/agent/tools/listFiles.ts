// list_files: what is in a folder (optionally all the way down), folders marked with a trailing
// slash, ignored files left out, capped with a count of what was not shown.
import * as z from 'zod';
import { defineTool } from './tool';
import { reportingFailures } from './toolFailure';

export const MAX_LIST_ENTRIES = 500;

const schema = z.object({
  path: z.string().optional().describe('Default: the workspace folder'),
  recursive: z.boolean().optional(),
});

export const listFilesTool = defineTool({
  name: 'list_files',
  description: 'List a folder (folders end in /). recursive: true lists everything below it. Ignored files are left out.',
  schema,
  kind: 'read',
  run: reportingFailures(async (args, ctx) => {
    const path = args.path ?? '.';
    const result = await ctx.workspace.list(path, { recursive: args.recursive ?? false, limit: MAX_LIST_ENTRIES, signal: ctx.signal });
    if (result.entries.length === 0) return { content: `(${path} has no files that are not ignored)` };
    const lines = [...result.entries];
    if (result.omitted > 0) {
      const count = result.omittedIsLowerBound ? `At least ${result.omitted}` : `${result.omitted}`;
      lines.push(`[${count} more not shown. List a subfolder, or find files with search_files and a glob.]`);
    }
    return { content: lines.join('\n') };
  }),
});
