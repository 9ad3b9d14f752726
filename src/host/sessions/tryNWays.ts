// "Try N ways": one prompt in N worktree sessions (2 to 5, one after another), then the project's
// checks in each, in the sandbox with a timeout (refused without a sandbox: a check is a command
// like any other). Started from the chat's composer, `/try N` or the palette; the chat shows the
// run as a card (tryCardState.ts) that follows it live. The person reviews or applies any attempt
// from the card and discards the others when they choose. Cards are kept in the workspace's state
// with the conversation they were started in, so a reload shows them again.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { BaseContent } from './baseContent';
import { findProjectChecks } from '../../agent/checks/projectChecks';
import { NodeCommandRunner } from '../../agent/commands/nodeCommandRunner';
import { isolatedRunner } from '../../agent/commands/sandbox/isolatedRunner';
import { NodeWorkspace } from '../../agent/workspace/nodeWorkspace';
import { attemptVariant, MAX_ATTEMPTS, MIN_ATTEMPTS, runBestOfN } from '../../agent/worktrees/bestOfN';
import { titleOf } from '../../agent/worktrees/branchName';
import { runCheckIn } from '../../agent/worktrees/runCheck';
import type { TranscriptMessage } from '../../protocol/messages';
import type { TryCardView } from '../../protocol/tryCard';
import { readCommandRules, readPassEnv, readSandboxSettings, stringsOf } from '../settings/settings';
import type { SessionModel } from './newSession';
import { applySession, closeTabsUnder } from './sessionActions';
import { inWorktree, runSession } from './sessionRunner';
import type { SessionsView } from './sessionsView';
import { chosenAttempt, failCard, finishCard, foldEvent, interrupted, newCard, withAttempt } from './tryCardState';
import { readTryWays, readWorktreeCopy } from './worktreeSettings';

/** What a check prints is kept to this much: the evidence, not the whole log. */
const CHECK_OUTPUT_LIMITS = { maxLines: 80, maxBytes: 8 * 1024 };
const STORE_KEY = 'ouro.tryCards';
/** Cards kept across reloads, the newest. */
const KEPT = 20;

/** The chat's conversation a card belongs to; a chat with no message yet is not saved, so its cards go with "the new chat". */
export function conversationKey(conversation: { id: string; messages: readonly unknown[] }): string {
  return conversation.messages.length > 0 ? conversation.id : 'new-chat';
}

export type TryAction = 'review' | 'apply' | 'discardOthers' | 'stop';

export interface TryNWaysDeps {
  view: SessionsView;
  model: SessionModel;
  log: vscode.LogOutputChannel;
  /** The chat's transcript: a card is added, then replaced as it changes. */
  post(message: TranscriptMessage): void;
  /** Where cards are kept (the workspace's state). */
  store: vscode.Memento;
  /** The conversation the chat shows now: a card belongs to it. */
  conversation(): string;
  /** Serves the three sides of a conflicting file to the merge editor when an attempt is applied. */
  documents?: BaseContent;
}

interface Kept {
  conversation: string;
  card: TryCardView;
}

export class TryNWays implements vscode.Disposable {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly deps: TryNWaysDeps) {}

  /** Why Try N ways cannot run in this workspace (not a git repository...), or undefined when it can. */
  async unavailable(): Promise<string | undefined> {
    const sessions = await this.deps.view.sessions();
    return sessions instanceof Error ? `Trying several ways needs worktrees: ${sessions.message}` : undefined;
  }

  /** Asks for N and the prompt (the palette's command), then runs it in the chat. */
  async fromPalette(): Promise<void> {
    const problem = await this.unavailable();
    if (problem) return void vscode.window.showErrorMessage(`Ouro: ${problem}.`);
    const items = Array.from({ length: MAX_ATTEMPTS - MIN_ATTEMPTS + 1 }, (_, i) => ({ label: `${MIN_ATTEMPTS + i} ways`, attempts: MIN_ATTEMPTS + i }));
    const attempts = (await vscode.window.showQuickPick(items, { title: 'Try N Ways', placeHolder: 'How many attempts? Each runs in its own worktree, then the checks choose.' }))?.attempts;
    if (!attempts) return;
    const prompt = (await vscode.window.showInputBox({ title: `Try ${attempts} Ways`, prompt: `What should Ouro do? It tries ${attempts} times, each in its own worktree; the project's checks choose.`, ignoreFocusOut: true }))?.trim();
    if (!prompt) return;
    await vscode.commands.executeCommand('ouro.chat.focus');
    await this.start(prompt, attempts);
  }

  /** Runs the prompt N ways; the card in the chat follows it. Resolves when it is over. */
  async start(prompt: string, attempts: number): Promise<TryCardView> {
    const conversation = this.deps.conversation();
    let card = newCard(randomUUID(), titleOf(prompt), attempts, []);
    const post = (next: TryCardView) => {
      card = next;
      this.post(conversation, card);
    };
    const controller = new AbortController();
    this.running.set(card.id, controller);
    try {
      const sessions = await this.deps.view.sessions();
      if (sessions instanceof Error) throw new Error(`trying several ways needs worktrees: ${sessions.message}`);
      const chosen = await this.deps.model();
      if ('problem' in chosen) throw new Error(chosen.problem);
      const variety = readTryWays();
      const folder = vscode.workspace.workspaceFolders?.find((candidate) => candidate.uri.scheme === 'file');
      if (!folder) throw new Error('open a folder first');
      const found = await findProjectChecks(new NodeWorkspace(folder.uri.fsPath), stringsOf(vscode.workspace.getConfiguration('ouro').get('checks')));
      const checks = found.checks.map((check) => check.command);
      post(newCard(card.id, card.title, attempts, checks, found.source === 'setting' ? 'ouro.checks' : found.source));
      const sandbox = readSandboxSettings();
      const runner = await isolatedRunner(new NodeCommandRunner({ deny: readCommandRules().deny, passEnv: readPassEnv(), limits: CHECK_OUTPUT_LIMITS }), { enabled: sandbox.enabled, allowNetwork: () => readSandboxSettings().allowNetwork });
      try {
        const isolation = runner.isolation?.();
        if (checks.length > 0 && isolation && isolation.kind !== 'sandbox') {
          throw new Error(`the checks (${checks.join(', ')}) would run without a sandbox (${isolation.reason}), and no one is there to approve each: nothing was started. Turn on ouro.sandbox.enabled where a sandbox is available`);
        }
        const result = await runBestOfN({
          sessions,
          title: card.title,
          attempts,
          checks,
          copy: readWorktreeCopy().entries,
          signal: controller.signal,
          run: async (session, attempt) => {
            this.deps.view.refresh();
            // Another model or temperature for this attempt, as ouro.tryWays asks.
            const variant = attemptVariant(attempt, variety);
            const own = variant.model !== undefined || variant.temperature !== undefined ? await this.deps.model(variant) : chosen;
            if ('problem' in own) return { ...variant, ended: 'error', tokens: 0, error: own.problem };
            const end = await runSession({ ...inWorktree(sessions, session), prompt, model: own.model, log: this.deps.log, signal: controller.signal, waiting: (waiting) => this.deps.view.setWaiting(session.branch, waiting) });
            return { ...variant, ended: end.ended, tokens: end.tokens, ...(end.reason ? { error: end.reason } : {}), ...(end.cost !== undefined ? { cost: end.cost } : {}) };
          },
          runCheck: (command, session) => runCheckIn(runner, command, session.root, { signal: controller.signal }),
          onEvent: (event) => {
            post(foldEvent(card, event));
            this.deps.view.refresh();
          },
        });
        post(finishCard(card, result, controller.signal.aborted));
      } finally {
        await runner.dispose?.();
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.deps.log.warn(`try ${attempts} ways: ${message}`);
      post(failCard(card, message));
    } finally {
      this.running.delete(card.id);
      this.deps.view.refresh();
    }
    return card;
  }

  /** A card's button. */
  async act(id: string, action: TryAction, attempt?: number): Promise<void> {
    if (action === 'stop') return void this.running.get(id)?.abort();
    const kept = this.kept().find((entry) => entry.card.id === id);
    if (!kept) return;
    const row = kept.card.attempts.find((candidate) => candidate.attempt === attempt);
    try {
      const sessions = await this.deps.view.required();
      if (action === 'review' && row?.branch) await vscode.commands.executeCommand('ouro.sessions.review', { branch: row.branch });
      if (action === 'apply' && row?.branch) {
        const folder = vscode.workspace.workspaceFolders?.find((candidate) => candidate.uri.scheme === 'file');
        if (!folder) throw new Error('open a folder to apply an attempt to');
        if ((await applySession(sessions, row.branch, folder.uri, this.deps.documents)) !== 'cancelled') this.post(kept.conversation, withAttempt(kept.card, row.attempt, (applied) => ({ ...applied, applied: true })));
      }
      if (action === 'discardOthers') await this.discardOthers(kept);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.deps.log.warn(`try ways: ${message}`);
      void vscode.window.showErrorMessage(`Ouro: ${message}`);
    } finally {
      this.deps.view.refresh();
    }
  }

  /** The cards of `conversation` to show after the chat's own messages (a reload, another conversation opened). */
  shown(conversation: string, transcript: readonly TranscriptMessage[]): TranscriptMessage[] {
    const present = new Set(transcript.flatMap((message) => (message.type === 'tryCard' ? [message.card.id] : [])));
    return this.kept()
      .filter((entry) => entry.conversation === conversation && !present.has(entry.card.id))
      .map((entry) => ({ type: 'tryCard', card: this.running.has(entry.card.id) ? entry.card : interrupted(entry.card) }));
  }

  dispose(): void {
    for (const controller of this.running.values()) controller.abort();
  }

  private async discardOthers(kept: Kept): Promise<void> {
    const chosen = chosenAttempt(kept.card);
    const others = kept.card.attempts.filter((row) => row.attempt !== chosen && row.branch && row.state !== 'discarded');
    if (others.length === 0) return;
    const action = 'Discard';
    const names = others.map((row) => row.branch).join(', ');
    const choice = await vscode.window.showWarningMessage(`Discard ${others.length === 1 ? 'the other attempt' : `the ${others.length} other attempts`}?`, { modal: true, detail: `Their worktrees and branches (${names}) are removed, with every change not applied.` }, action);
    if (choice !== action) return;
    const sessions = await this.deps.view.required();
    let card = kept.card;
    for (const row of others) {
      const session = await sessions.get(row.branch!).catch(() => undefined);
      if (session) {
        await sessions.discard(session.branch);
        await closeTabsUnder(session.folder);
      }
      card = withAttempt(card, row.attempt, (discarded) => ({ ...discarded, state: 'discarded' }));
    }
    this.post(kept.conversation, { ...card, othersDiscarded: true });
  }

  private post(conversation: string, card: TryCardView): void {
    const kept = this.kept();
    const at = kept.findIndex((entry) => entry.card.id === card.id);
    if (at >= 0) kept[at] = { conversation: kept[at].conversation, card };
    else kept.push({ conversation, card });
    void this.deps.store.update(STORE_KEY, kept.slice(-KEPT));
    this.deps.post({ type: 'tryCard', card });
  }

  private kept(): Kept[] {
    const value = this.deps.store.get<unknown>(STORE_KEY);
    return Array.isArray(value) ? (value as Kept[]).filter((entry) => typeof entry?.conversation === 'string' && typeof entry.card?.id === 'string') : [];
  }
}
