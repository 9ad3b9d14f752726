// "Ouro: Try N Ways…": one prompt in N worktree sessions (2 to 5, one after another), then the
// project's checks in each, in the sandbox with a timeout (refused without a sandbox: a check is a
// command like any other). The result opens as a Markdown table with the winner starred; the
// person reviews or applies the winner, and discards the others when they choose.
import * as vscode from 'vscode';
import { findProjectChecks } from '../../agent/checks/projectChecks';
import { NodeCommandRunner } from '../../agent/commands/nodeCommandRunner';
import { isolatedRunner } from '../../agent/commands/sandbox/isolatedRunner';
import { NodeWorkspace } from '../../agent/workspace/nodeWorkspace';
import { MAX_ATTEMPTS, MIN_ATTEMPTS, runBestOfN, type BestOfNResult } from '../../agent/worktrees/bestOfN';
import { titleOf } from '../../agent/worktrees/branchName';
import { runCheckIn } from '../../agent/worktrees/runCheck';
import type { WorktreeSessions } from '../../agent/worktrees/worktreeSessions';
import { readCommandRules, readPassEnv, readSandboxSettings, stringsOf } from '../settings/settings';
import type { BaseContent } from './baseContent';
import { bestOfMarkdown } from './bestOfMarkdown';
import type { SessionModel } from './newSession';
import { runSession } from './sessionRunner';
import type { SessionsView } from './sessionsView';
import { readWorktreeCopy } from './worktreeSettings';

/** What a check prints is kept to this much: the evidence, not the whole log. */
const CHECK_OUTPUT_LIMITS = { maxLines: 80, maxBytes: 8 * 1024 };

export interface TryNWaysDeps {
  view: SessionsView;
  model: SessionModel;
  log: vscode.LogOutputChannel;
  documents: BaseContent;
}

export async function tryNWays(deps: TryNWaysDeps, asked?: { attempts: number; prompt: string }): Promise<BestOfNResult | undefined> {
  const sessions = await deps.view.sessions();
  if (sessions instanceof Error) {
    void vscode.window.showErrorMessage(`Ouro: ${sessions.message}. Trying several ways needs worktrees.`);
    return undefined;
  }
  const attempts = asked?.attempts ?? (await pickAttempts());
  if (!attempts) return undefined;
  const prompt = asked?.prompt ?? (await vscode.window.showInputBox({ title: `Try ${attempts} Ways`, prompt: `What should Ouro do? It tries ${attempts} times, each in its own worktree; the project's checks choose.`, ignoreFocusOut: true }))?.trim();
  if (!prompt) return undefined;
  const chosen = await deps.model();
  if ('problem' in chosen) {
    void vscode.window.showErrorMessage(`Ouro: ${chosen.problem}`);
    return undefined;
  }
  const workspace = vscode.workspace.workspaceFolders?.find((folder) => folder.uri.scheme === 'file');
  if (!workspace) return undefined;
  const found = await findProjectChecks(new NodeWorkspace(workspace.uri.fsPath), stringsOf(vscode.workspace.getConfiguration('ouro').get('checks')));
  const checks = found.checks.map((check) => check.command);
  const sandbox = readSandboxSettings();
  const runner = await isolatedRunner(new NodeCommandRunner({ deny: readCommandRules().deny, passEnv: readPassEnv(), limits: CHECK_OUTPUT_LIMITS }), { enabled: sandbox.enabled, allowNetwork: () => readSandboxSettings().allowNetwork });
  const isolation = runner.isolation?.();
  if (checks.length > 0 && isolation && isolation.kind !== 'sandbox') {
    await runner.dispose?.();
    void vscode.window.showErrorMessage(`Ouro: the checks (${checks.join(', ')}) would run without a sandbox (${isolation.reason}), and no one is there to approve each: nothing was started. Turn on ouro.sandbox.enabled where a sandbox is available.`);
    return undefined;
  }
  const title = titleOf(prompt);
  try {
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Ouro: trying ${attempts} ways`, cancellable: true }, (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return runBestOfN({
        sessions,
        title,
        attempts,
        checks,
        copy: readWorktreeCopy().entries,
        signal: controller.signal,
        run: async (session) => {
          deps.view.refresh();
          const end = await runSession({ sessions, session, prompt, model: chosen.model, log: deps.log, signal: controller.signal, waiting: (waiting) => deps.view.setWaiting(session.branch, waiting) });
          return { ended: end.ended, tokens: end.tokens, ...(end.reason ? { error: end.reason } : {}), ...(end.cost !== undefined ? { cost: end.cost } : {}) };
        },
        runCheck: (command, session) => runCheckIn(runner, command, session.root, { signal: controller.signal }),
        onEvent: (event) => {
          if (event.type === 'attempt_started') progress.report({ message: `attempt ${event.attempt} of ${event.of}` });
          else if (event.type === 'check_ended') progress.report({ message: `attempt ${event.attempt}: ${event.check.command} ${event.check.passed ? 'passed' : 'failed'}` });
          deps.view.refresh();
        },
      });
    });
    deps.view.refresh();
    const source = found.source === 'setting' ? 'ouro.checks' : found.source;
    const document = await vscode.workspace.openTextDocument(deps.documents.show(`Try ${attempts} ways.md`, bestOfMarkdown(title, result, checks, source)));
    await vscode.window.showTextDocument(document, { preview: false });
    void offerWinner(sessions, result);
    return result;
  } finally {
    await runner.dispose?.();
  }
}

async function pickAttempts(): Promise<number | undefined> {
  const items = Array.from({ length: MAX_ATTEMPTS - MIN_ATTEMPTS + 1 }, (_, i) => ({ label: `${MIN_ATTEMPTS + i} ways`, attempts: MIN_ATTEMPTS + i }));
  return (await vscode.window.showQuickPick(items, { title: 'Try N Ways', placeHolder: 'How many attempts? Each runs in its own worktree, then the checks choose.' }))?.attempts;
}

/** The winner's actions in a notification; the losers are discarded only when the person says so. */
async function offerWinner(sessions: WorktreeSessions, result: BestOfNResult): Promise<void> {
  const winner = result.winner === undefined ? undefined : result.attempts[result.winner];
  if (!winner) return;
  const losers = result.attempts.filter((attempt) => attempt !== winner);
  let actions = ['Review', 'Apply', ...(losers.length ? ['Discard the Others'] : [])];
  // Shown again after each choice, without the ones taken, until dismissed.
  while (actions.length > 0) {
    const choice = await vscode.window.showInformationMessage(`Ouro: attempt ${winner.attempt} (${winner.branch}) wins.`, ...actions);
    if (!choice) return;
    actions = actions.filter((action) => action !== choice);
    const row = { branch: winner.branch };
    if (choice === 'Review') await vscode.commands.executeCommand('ouro.sessions.review', row);
    if (choice === 'Apply') await vscode.commands.executeCommand('ouro.sessions.apply', row);
    if (choice === 'Discard the Others') {
      for (const loser of losers) await sessions.discard(loser.branch);
      await vscode.commands.executeCommand('ouro.sessions.refresh');
    }
  }
}
