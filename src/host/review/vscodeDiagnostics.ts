// The DiagnosticsSource port over vscode.languages.getDiagnostics: what the editor's language
// servers report, with paths as the workspace shows them to the model.
import * as vscode from 'vscode';
import type { Diagnostic, DiagnosticSeverity, DiagnosticsSource } from '../../agent/diagnostics';

const severities: Record<vscode.DiagnosticSeverity, DiagnosticSeverity> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

export interface WorkspacePaths {
  /** The display path of a file in the workspace; undefined outside it. */
  displayPathOf(uri: vscode.Uri): string | undefined;
  /** The file a display path (already resolved by the workspace) stands for. */
  uriOf(display: string): Promise<vscode.Uri>;
}

export class VsCodeDiagnostics implements DiagnosticsSource {
  constructor(private readonly paths: WorkspacePaths) {}

  async get(path?: string): Promise<Diagnostic[]> {
    if (path !== undefined) return this.at(await this.paths.uriOf(path), path);
    return vscode.languages.getDiagnostics().flatMap(([uri, diagnostics]) => {
      const shown = this.paths.displayPathOf(uri);
      return shown === undefined ? [] : diagnostics.map((diagnostic) => portDiagnostic(shown, diagnostic));
    });
  }

  /** The problems of a file already resolved (`display` is how the model knows it), at once. */
  at(uri: vscode.Uri, display: string): Diagnostic[] {
    return vscode.languages.getDiagnostics(uri).map((diagnostic) => portDiagnostic(display, diagnostic));
  }
}

function portDiagnostic(path: string, diagnostic: vscode.Diagnostic): Diagnostic {
  return {
    path,
    line: diagnostic.range.start.line + 1,
    column: diagnostic.range.start.character + 1,
    severity: severities[diagnostic.severity],
    message: diagnostic.message,
    ...(diagnostic.source ? { source: diagnostic.source } : {}),
  };
}
