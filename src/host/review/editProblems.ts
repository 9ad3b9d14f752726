// Feedback after every edit: once an accepted proposal is written, the language servers get a
// moment to look at the file, and the errors and warnings the edit introduced there ride on the
// tool result, so the model fixes its own mistakes without being asked.
import * as vscode from 'vscode';
import type { DiagnosticsSource } from '../../agent/diagnostics';
import { listProblems } from '../../agent/tools/getDiagnostics';
import type { ProposalOutcome } from '../../agent/workspace/workspace';
import { newProblems } from './newProblems';

export interface EditProblemsOptions {
  /** The longest wait for the language servers after a write. */
  waitMs?: number;
  /** After their first report, how long they may stay quiet before the report counts as done. */
  settleMs?: number;
}

/** Runs `apply` (a review or a direct write of `display`) and adds the problems the write introduced. */
export async function withNewProblems(
  source: DiagnosticsSource,
  uri: vscode.Uri,
  display: string,
  apply: () => Promise<ProposalOutcome>,
  options: EditProblemsOptions = {},
): Promise<ProposalOutcome> {
  const before = await source.get(display).catch(() => []);
  let lastReport: number | undefined;
  const listener = vscode.languages.onDidChangeDiagnostics((event) => {
    if (event.uris.some((changed) => changed.toString() === uri.toString())) lastReport = Date.now();
  });
  try {
    const outcome = await apply();
    if (outcome.status !== 'accepted') return outcome;
    // A report during a long review says nothing about this write; only later ones count.
    lastReport = undefined;
    // Language servers check the files the editor shows (the JSON one nothing else), so an
    // edited file not on screen opens in a preview tab, without taking focus from the chat.
    if (!vscode.window.visibleTextEditors.some((editor) => editor.document.uri.toString() === uri.toString())) {
      await Promise.resolve(vscode.window.showTextDocument(uri, { preview: true, preserveFocus: true })).catch(() => undefined);
    }
    await settled(() => lastReport, options.waitMs ?? 1500, options.settleMs ?? 300);
    const after = await source.get(display).catch(() => []);
    const introduced = newProblems(before, after).filter((d) => d.severity === 'error' || d.severity === 'warning');
    if (introduced.length === 0) return outcome;
    return { ...outcome, problems: `The edit introduced problems; fix them: ${listProblems(introduced, display)}` };
  } finally {
    listener.dispose();
  }
}

async function settled(lastReport: () => number | undefined, waitMs: number, settleMs: number): Promise<void> {
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    const last = lastReport();
    if (last !== undefined && Date.now() - last >= settleMs) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
