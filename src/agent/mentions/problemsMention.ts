// @problems: the workspace's errors and warnings, listed as get_diagnostics lists them.
import type { Diagnostic } from '../diagnostics';
import { listProblems } from '../tools/getDiagnostics';

export function problemsMention(diagnostics: readonly Diagnostic[]): string {
  const problems = diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
  if (problems.length === 0) return 'No errors or warnings in the workspace.';
  return listProblems(problems, 'the workspace');
}
