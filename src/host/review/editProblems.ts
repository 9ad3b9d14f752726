// Feedback after every edit: once an accepted proposal is written, the errors and warnings the
// edit introduced ride on the tool result, so the model fixes its own mistakes without being
// asked. The result waits for a language server only while one is working on the file: when the
// file had problems before (they are about to change) or a report giving it some came in since the write
// began, until the reports go quiet, with a cap. A clean file reported on by no one waits for
// nothing; problems that show up later reach the model through `late` (a note on its next request).
import * as vscode from 'vscode';
import { listProblems } from '../../agent/tools/getDiagnostics';
import type { ProposalOutcome } from '../../agent/workspace/workspace';
import type { LateProblems } from './lateProblems';
import { errorsAndWarnings, newProblems } from './newProblems';
import type { VsCodeDiagnostics } from './vscodeDiagnostics';

export interface EditProblemsOptions {
  /** The longest wait for the language servers after a write. */
  capMs?: number;
  /** After a report, how long they may stay quiet before the report counts as done. */
  quietMs?: number;
  /** Watches the file after the result went back, for problems reported later. */
  late?: LateProblems;
}

/** Runs `apply` (a review or a direct write of `display`) and adds the problems the write introduced. */
export async function withNewProblems(
  source: Pick<VsCodeDiagnostics, 'at'>,
  uri: vscode.Uri,
  display: string,
  apply: () => Promise<ProposalOutcome>,
  options: EditProblemsOptions = {},
): Promise<ProposalOutcome> {
  const before = source.at(uri, display);
  const hadProblems = errorsAndWarnings(before).length > 0;
  const reports = new WriteReports(uri, hadProblems);
  try {
    const outcome = await apply();
    if (outcome.status !== 'accepted') return outcome;
    if (hadProblems || reports.last !== undefined) await reports.quiet(options.quietMs ?? 250, options.capMs ?? 1500);
    const after = source.at(uri, display);
    options.late?.watch(uri, display, after);
    const introduced = errorsAndWarnings(newProblems(before, after));
    if (introduced.length === 0) return outcome;
    return { ...outcome, problems: `The edit introduced problems; fix them: ${listProblems(introduced, display)}` };
  } finally {
    reports.dispose();
  }
}

/**
 * The language servers' reports on one file since its text changed (a report during a long review
 * says nothing about the write, so reports count only once the document changes or the file is created).
 */
class WriteReports implements vscode.Disposable {
  last: number | undefined;
  private written = false;
  private onReport: (() => void) | undefined;
  private readonly listeners: vscode.Disposable[];

  /** `hadProblems`: every report counts (it may clear them); else only one that gives the file problems. */
  constructor(uri: vscode.Uri, hadProblems: boolean) {
    const same = (other: vscode.Uri) => other.toString() === uri.toString();
    this.listeners = [
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0 && same(event.document.uri)) this.written = true;
      }),
      vscode.workspace.onDidCreateFiles((event) => {
        if (event.files.some(same)) this.written = true;
      }),
      vscode.languages.onDidChangeDiagnostics((event) => {
        if (!this.written || !event.uris.some(same)) return;
        // Hints and suggestions (a JavaScript file gets some on every change) are no problems.
        if (!hadProblems && !vscode.languages.getDiagnostics(uri).some((d) => d.severity <= vscode.DiagnosticSeverity.Warning)) return;
        this.last = Date.now();
        this.onReport?.();
      }),
    ];
  }

  /** Resolves once no report has come for `quietMs` (counting from the last one, or from now), or after `capMs`. */
  quiet(quietMs: number, capMs: number): Promise<void> {
    return new Promise((resolve) => {
      let quiet: ReturnType<typeof setTimeout> | undefined;
      const done = () => {
        clearTimeout(quiet);
        clearTimeout(cap);
        this.onReport = undefined;
        resolve();
      };
      const cap = setTimeout(done, capMs);
      const arm = (ms: number) => {
        clearTimeout(quiet);
        quiet = setTimeout(done, ms);
      };
      this.onReport = () => arm(quietMs);
      // Before any report: wait for the first (the server is working), up to the cap.
      if (this.last !== undefined) arm(Math.max(0, quietMs - (Date.now() - this.last)));
    });
  }

  dispose(): void {
    for (const listener of this.listeners) listener.dispose();
  }
}
