// Runs the agent in a new worktree session in the background, in the extension host: the chat's
// model, the built-in tools over the worktree's folder, edits written without asking (the
// worktree is isolated; a protected path still asks), commands in the OS sandbox with the
// worktree as the writable root. Whatever needs the person's approval marks the session
// "waiting for you" and asks with a notification (the chat view may answer it first: `answers`).
// Every event is handed to `onEvent`, for the chat view to show the session live. The conversation is saved beside the
// session's record after every step, so its transcript can be opened while it runs and after.
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import * as vscode from 'vscode';
import { checksForTurn } from '../../agent/checks/checksBeforeDone';
import { NodeCommandRunner } from '../../agent/commands/nodeCommandRunner';
import { isolatedRunner } from '../../agent/commands/sandbox/isolatedRunner';
import { serializeConversation } from '../../agent/history/conversationFile';
import { newRecord } from '../../agent/history/conversationRecord';
import { ConversationRecorder } from '../../agent/history/conversationRecorder';
import { runAgent } from '../../agent/loop';
import { buildSystemPrompt } from '../../agent/prompt';
import { loadProjectRules } from '../../agent/rules/projectRules';
import type { ApprovalRequest, Approver } from '../../agent/tools/tool';
import { createTools } from '../../agent/tools/index';
import { costOf, priceFor } from '../../agent/usage/pricing';
import { usageOf } from '../../agent/usage/usageTotals';
import { NodeWorkspace } from '../../agent/workspace/nodeWorkspace';
import type { WorktreeSession, WorktreeSessions } from '../../agent/worktrees/worktreeSessions';
import { lockedWrites, type WorkspaceWriteLock } from '../../agent/sessions/writeLock';
import type { Proposal } from '../../agent/workspace/workspace';
import type { Model } from '../../agent/model';
import type { AgentEvent } from '../../agent/events';
import type { ConversationRecord } from '../../agent/history/conversationRecord';
import type { TranscriptMessage } from '../../protocol/messages';
import { readCommandRules, readPassEnv, readSandboxSettings, readSettings, stringsOf } from '../settings/settings';

export interface SessionRun {
  /** The folder it works in: a worktree's, or the workspace's for a session that runs here. */
  root: string;
  title: string;
  /** Where its conversation is saved after every step. */
  transcript: string;
  /** A session that runs in the workspace itself: each edit asks first, and the first one waits for the write lock. */
  here?: HereWrites;
  prompt: string;
  model: Model;
  /** Called with true while the session waits for the person, false once they answered. */
  waiting(waiting: boolean): void;
  log: vscode.LogOutputChannel;
  signal?: AbortSignal;
  /** A finished session's conversation, to go on with (a follow-up); a new one otherwise. */
  conversation?: ConversationRecord;
  /** Each event of the run, as the chat's transcript is made of them. */
  onEvent?(message: TranscriptMessage): void;
  /** Another place the person may answer an approval: called with the answer's setter, returns how to take it back. */
  answers?(settle: (allowed: boolean) => void): () => void;
}

export interface HereWrites {
  lock: WorkspaceWriteLock;
  /** The session, as the lock knows it. */
  owner: string;
  /** Called with true while it waits for another session to finish writing, false once it may write. */
  waitingForLock(waiting: boolean): void;
  /** Shows an edit's diff (the file ↔ what it would be) before the person answers. */
  showDiff(proposal: Proposal): Promise<void>;
}

export interface SessionEnd {
  state: 'done' | 'failed' | 'stopped';
  /** How the agent ended: stop (it answered), max_steps, error, cancelled... */
  ended: string;
  /** Why it failed. */
  reason?: string;
  tokens: number;
  /** In dollars, when the model's price is known. */
  cost?: number;
}

/** Where a session's conversation is saved: beside its record. */
export function transcriptFile(sessions: WorktreeSessions, branch: string): string {
  return join(sessions.folder, `${branch.replace(/^ouro\//, '')}.conversation.json`);
}

/** Where a worktree session works and saves its conversation. */
export function inWorktree(sessions: WorktreeSessions, session: WorktreeSession): Pick<SessionRun, 'root' | 'title' | 'transcript'> {
  return { root: session.root, title: session.title, transcript: transcriptFile(sessions, session.branch) };
}

export async function runSession(run: SessionRun): Promise<SessionEnd> {
  const settings = readSettings();
  const sandbox = readSandboxSettings();
  const rules = readCommandRules();
  const ask = (what: string, detail?: string) => askPerson(run, what, detail);
  const { here } = run;
  const confirm = (proposal: Proposal, why?: string) => (here ? askEdit(run, here, proposal, why) : ask(`to write ${proposal.path}`, why));
  const node = new NodeWorkspace(run.root, { approve: here ? 'none' : 'edits', allowSecrets: settings.allowSecretFiles, confirm });
  const workspace = here ? lockedWrites(node, here.lock, here.owner, { signal: run.signal, onWait: () => here.waitingForLock(true), onHeld: () => here.waitingForLock(false) }) : node;
  const commands = await isolatedRunner(new NodeCommandRunner({ allow: rules.allow, deny: rules.deny, passEnv: readPassEnv() }), { enabled: sandbox.enabled, allowNetwork: () => readSandboxSettings().allowNetwork });
  const approver: Approver = {
    approve: async (request: ApprovalRequest) => {
      if (request.kind === 'edit') return { approved: true };
      return (await ask(request.command ? `to run ${request.command}` : `: ${request.title}`, request.detail)) ? { approved: true } : { approved: false, reason: 'the user said no' };
    },
  };
  const projectRules = await loadProjectRules(workspace).catch(() => undefined);
  const conversation = run.conversation ?? newRecord(randomUUID(), [{ role: 'system', content: buildSystemPrompt({ folders: [basename(run.root)], os: process.platform, shell: vscode.env.shell || undefined, rules: projectRules?.text }) }]);
  const recorder = new ConversationRecorder(conversation, {
    save: async (record) => writeFile(run.transcript, serializeConversation(record)),
    onSaveError: (error) => run.log.warn(`session "${run.title}": could not save its conversation: ${error instanceof Error ? error.message : String(error)}`),
  });
  recorder.startTurn(run.prompt, run.model.name);
  run.onEvent?.({ type: 'user', id: randomUUID(), text: run.prompt, attachments: [], messageIndex: conversation.messages.length - 1 });
  const config = vscode.workspace.getConfiguration('ouro');
  const price = priceFor(run.model.name, settings.pricing);
  let tokens = 0;
  let cost = 0;
  let end: Omit<SessionEnd, 'tokens'> = { state: 'failed', ended: 'error', reason: 'it stopped before it answered' };
  try {
    for await (const event of runAgent(conversation, {
      model: run.model,
      tools: createTools({ fetch: settings.fetch }),
      workspace,
      approver,
      commands,
      maxSteps: settings.maxSteps,
      signal: run.signal,
      checks: await checksForTurn(workspace, { configured: stringsOf(config.get('checks')), enabled: config.get<boolean>('checksBeforeDone', true), edits: true }),
    })) {
      await recorder.observe(event);
      run.onEvent?.({ type: 'agent', event });
      // A compaction's summarising requests count too, as in the chat's usage.
      const usage = usageOf(event);
      if (usage) {
        tokens += usage.promptTokens + usage.completionTokens;
        if (price) cost += costOf(usage, price);
      }
      if (event.type === 'done') end = endOf(event);
    }
  } catch (error) {
    end = { state: 'failed', ended: 'error', reason: error instanceof Error ? error.message : String(error) };
  } finally {
    if (here) here.lock.release(here.owner);
    await recorder.save().catch(() => undefined);
    await commands.dispose?.();
  }
  return { ...end, tokens, ...(price ? { cost } : {}) };
}

function endOf(event: Extract<AgentEvent, { type: 'done' }>): Omit<SessionEnd, 'tokens'> {
  if (event.reason === 'stop') return { state: 'done', ended: 'stop' };
  if (event.reason === 'cancelled') return { state: 'stopped', ended: 'cancelled' };
  return { state: 'failed', ended: event.reason, reason: event.message ?? `it ended: ${event.reason}` };
}

/**
 * A notification with Allow / Deny, or the chat view's card: whichever is answered first wins.
 * The session shows as waiting until then; stopping it says no.
 */
async function askPerson(run: SessionRun, what: string, detail?: string): Promise<boolean> {
  run.waiting(true);
  let settle!: (allowed: boolean) => void;
  const answered = new Promise<boolean>((resolve) => (settle = resolve));
  const takeBack = run.answers?.(settle);
  const stopped = () => settle(false);
  run.signal?.addEventListener('abort', stopped);
  if (run.signal?.aborted) settle(false);
  void vscode.window.showWarningMessage(`Ouro: the session "${run.title}" asks${what.startsWith(':') ? '' : ' '}${what}${detail ? ` — ${detail}` : ''}`, 'Allow', 'Deny').then((choice) => settle(choice === 'Allow'));
  try {
    return await answered;
  } finally {
    takeBack?.();
    run.signal?.removeEventListener('abort', stopped);
    run.waiting(false);
  }
}

/** An edit of a session that runs here: Allow / Deny, and Show Diff first as often as wanted. */
async function askEdit(run: SessionRun, here: HereWrites, proposal: Proposal, why?: string): Promise<boolean> {
  run.waiting(true);
  try {
    for (;;) {
      const choice = await vscode.window.showWarningMessage(`Ouro: the session "${run.title}" (here) asks to write ${proposal.path}${why ? ` — ${why}` : ''}`, 'Show Diff', 'Allow', 'Deny');
      if (choice !== 'Show Diff') return choice === 'Allow';
      await here.showDiff(proposal);
    }
  } finally {
    run.waiting(false);
  }
}
