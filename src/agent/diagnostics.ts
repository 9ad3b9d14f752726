// The DiagnosticsSource port: the problems the editor's language servers know about. VS Code
// implements it over vscode.languages.getDiagnostics; the CLI has no language servers and no
// implementation. The formatting lives here so every consumer shows problems the same way.

export type DiagnosticSeverity = 'error' | 'warning' | 'info' | 'hint';

export interface Diagnostic {
  /** The display path, as the workspace shows paths to the model. */
  path: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  severity: DiagnosticSeverity;
  message: string;
  /** Who reported it: "ts", "eslint", "json"... */
  source?: string;
}

export interface DiagnosticsSource {
  /** The problems in one file (a display path the workspace resolved), or in the whole workspace. */
  get(path?: string): Promise<Diagnostic[]>;
}

/** `src/a.ts:3:5 error Cannot find name 'x'. (ts)`, on one line whatever the message holds. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const message = diagnostic.message.trim().replace(/\s*\n\s*/g, ' ');
  const source = diagnostic.source ? ` (${diagnostic.source})` : '';
  return `${diagnostic.path}:${diagnostic.line}:${diagnostic.column} ${diagnostic.severity} ${message}${source}`;
}

const SEVERITY_ORDER: Record<DiagnosticSeverity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/** Errors first, then by file and position: when the list is capped, errors are what is kept. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column,
  );
}

/** "2 errors, 1 warning" */
export function countDiagnostics(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return [errors > 0 ? plural(errors, 'error') : '', warnings > 0 ? plural(warnings, 'warning') : ''].filter(Boolean).join(', ');
}
