// The Changes panel's commands and the review-flow toggle in the chat's title bar.
import * as vscode from 'vscode';
import { readReviewFlow, saveReviewFlow } from '../settings/settings';
import type { ChangesView, StagedRow } from './changesView';
import type { StagedReview } from './stagedReview';

/** Tree rows pass themselves; the row's own click passes its path. */
type Target = StagedRow | string | undefined;

function pathOf(target: Target): string | undefined {
  return typeof target === 'string' ? target : target?.path;
}

export function registerStagedCommands(review: StagedReview, view: ChangesView, log: vscode.LogOutputChannel): vscode.Disposable[] {
  const register = (id: string, run: (target?: Target) => unknown) =>
    vscode.commands.registerCommand(id, async (target?: Target) => {
      try {
        return await run(target);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log.error(`${id} failed: ${message}`);
        void vscode.window.showErrorMessage(`Ouro: ${message}`);
      }
    });
  const keep = async (path: string) => {
    const { outcome, report } = await review.keep(path);
    log.info(`kept the staged changes to ${path}: ${outcome.status}`);
    if (outcome.status !== 'accepted') void vscode.window.showWarningMessage(`Ouro: ${report}`);
  };
  return [
    register('ouro.changes.open', (target) => {
      const path = pathOf(target);
      return path && view.open(path);
    }),
    register('ouro.changes.keep', (target) => {
      const path = pathOf(target);
      return path && keep(path);
    }),
    register('ouro.changes.undo', (target) => {
      const path = pathOf(target);
      if (path) review.undo(path);
    }),
    register('ouro.changes.keepAll', async () => {
      for (const file of review.pending()) await keep(file.path);
    }),
    register('ouro.changes.undoAll', () => review.undoAll()),
    register('ouro.reviewAtEnd', () => saveReviewFlow('end')),
    register('ouro.reviewEachEdit', () => saveReviewFlow('each')),
  ];
}

/** The `ouro.reviewFlow` context key the title bar's toggle shows by, now and after every change. */
export function trackReviewFlow(onChange: (flow: 'each' | 'end') => void): vscode.Disposable {
  const update = () => {
    const flow = readReviewFlow();
    void vscode.commands.executeCommand('setContext', 'ouro.reviewFlow', flow);
    onChange(flow);
  };
  update();
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration('ouro.review.flow')) update();
  });
}
