// get_diagnostics: the errors and warnings the editor's language servers report, for a file, a
// folder or the whole workspace, one `path:line:col severity message (source)` line each.
import * as z from 'zod';
import { countDiagnostics, formatDiagnostic, sortDiagnostics, type Diagnostic } from '../diagnostics';
import { defineTool } from './tool';
import { failure, reportingFailures } from './toolFailure';

const schema = z.object({
  path: z.string().optional().describe('File or folder; default the whole workspace'),
});

const MAX_LISTED = 50;
const MAX_BYTES = 8 * 1024;

export const getDiagnosticsTool = defineTool({
  name: 'get_diagnostics',
  description: "Errors and warnings from the editor's language servers for a file, a folder or the workspace.",
  schema,
  kind: 'read',
  run: reportingFailures(async (args, ctx) => {
    if (!ctx.diagnostics) {
      return failure("get_diagnostics is not available here: there is no editor with language servers. Run the project's checker with run_command instead (its type-check or lint script).");
    }
    const target = args.path === undefined ? undefined : await ctx.workspace.resolve(args.path);
    const isFolder = target !== undefined && (await ctx.workspace.stat(target.display))?.type === 'directory';
    const found = isFolder ? (await ctx.diagnostics.get()).filter(inside(target.display)) : await ctx.diagnostics.get(target?.display);
    const problems = found.filter((d) => d.severity === 'error' || d.severity === 'warning');
    const where = target === undefined || target.display === '.' ? 'the workspace' : target.display;
    if (problems.length === 0) return { content: `No errors or warnings in ${where}.` };
    return { content: listProblems(problems, where) };
  }),
});

function inside(folder: string): (diagnostic: Diagnostic) => boolean {
  if (folder === '.') return () => true;
  return (diagnostic) => diagnostic.path === folder || diagnostic.path.startsWith(`${folder}/`);
}

export function listProblems(problems: readonly Diagnostic[], where: string): string {
  const lines = [`${countDiagnostics(problems)} in ${where}:`];
  const sorted = sortDiagnostics(problems);
  let bytes = 0;
  let listed = 0;
  for (const problem of sorted) {
    const line = formatDiagnostic(problem).slice(0, MAX_BYTES);
    if (listed === MAX_LISTED || bytes + line.length > MAX_BYTES) break;
    lines.push(line);
    bytes += line.length + 1;
    listed++;
  }
  if (listed < sorted.length) lines.push(`… ${countDiagnostics(sorted.slice(listed))} more not listed; ask about one file to see all of its problems.`);
  return lines.join('\n');
}
