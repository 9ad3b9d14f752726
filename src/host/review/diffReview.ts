// Review of a proposed write in VS Code's diff editor: left the file on disk (or an empty
// read-only file for a new one), right the proposal, which the user may edit. Accept and Reject,
// in the title bar or on the chat card, resolve the same pending decision.
import * as vscode from 'vscode';
import { decodeText, encodeText, withBom } from '../../agent/workspace/text';
import type { Proposal, ProposalOutcome } from '../../agent/workspace/workspace';
import { decisionNote } from '../../protocol/notes';
import { applyProposal } from './applyProposal';
import { STOPPED_REASON, type PendingDecisions } from '../chat/decisions';
import { STOPPED_NOTE } from '../../protocol/notes';
import { proposalUri, type ProposalFileSystem } from './proposalFileSystem';

export class DiffReview {
  /** The diffs of proposals still waiting, to open again from the chat card. */
  private readonly open = new Map<string, { left: vscode.Uri; right: vscode.Uri; title: string }>();

  constructor(
    private readonly files: ProposalFileSystem,
    private readonly decisions: PendingDecisions,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** `protectedWhy`: the file decides what runs later; the diff's title and the chat card say so. */
  async review(uri: vscode.Uri, proposal: Proposal, signal?: AbortSignal, protectedWhy?: string): Promise<ProposalOutcome> {
    const right = proposalUri(proposal.toolCallId, proposal.path);
    this.files.set(right, encodeText(proposal.content));
    let left = uri;
    if (proposal.original === undefined) {
      left = proposalUri(proposal.toolCallId, proposal.path, 'original');
      this.files.set(left, new Uint8Array(), true);
    }
    this.open.set(proposal.toolCallId, { left, right, title: `${proposal.path} ↔ Ouro's proposal${protectedWhy ? ' (protected)' : ''}` });
    try {
      await this.show(proposal.toolCallId);
      const decision = await this.decisions.wait({ toolCallId: proposal.toolCallId, kind: 'edit', title: proposal.path, detail: proposal.summary, ...(protectedWhy ? { protectedWhy } : {}) }, signal);
      const content = await this.editedContent(right, proposal.content);
      if (!decision.accepted) {
        await closeDiff(right);
        this.decisions.announce(proposal.toolCallId, false, decision.reason === STOPPED_REASON ? STOPPED_NOTE : decisionNote(false, decision.reason));
        return { status: 'rejected', reason: decision.reason };
      }
      // The card says so the moment the person decides; a write that then fails says why.
      this.decisions.announce(proposal.toolCallId, true, content === proposal.content ? 'Accepted' : 'Accepted with your changes');
      // Closed before the write: closing it while the write runs can close the document the
      // write is saving (its left side is that file), and closing it after the write leaves the
      // file open in a tab of its own.
      await closeDiff(right);
      const outcome = await applyProposal(uri, proposal, content);
      this.report(proposal, outcome);
      return outcome;
    } finally {
      this.open.delete(proposal.toolCallId);
      this.files.delete(right);
      if (left !== uri) this.files.delete(left);
    }
  }

  /** Opens (or brings back) a pending proposal's diff without taking focus from the chat. */
  async show(toolCallId: string): Promise<void> {
    const diff = this.open.get(toolCallId);
    if (diff) await vscode.commands.executeCommand('vscode.diff', diff.left, diff.right, diff.title, { preserveFocus: true, preview: false });
  }

  /** With auto-approved edits there is no diff: the proposal is written as it is. */
  async applyDirectly(uri: vscode.Uri, proposal: Proposal): Promise<ProposalOutcome> {
    const outcome = await applyProposal(uri, proposal, proposal.content);
    this.log.info(`auto-approved edit of ${proposal.path}: ${outcome.status}`);
    if (outcome.status === 'conflict') void vscode.window.showWarningMessage(`Ouro: ${outcome.message} Nothing was written; Ouro will read it again.`);
    return outcome;
  }

  private report(proposal: Proposal, outcome: ProposalOutcome): void {
    const id = proposal.toolCallId;
    if (outcome.status === 'accepted') {
      this.log.info(`applied ${proposal.path}${outcome.userModified ? ' (modified by the user)' : ''}`);
    } else if (outcome.status === 'conflict') {
      this.decisions.announce(id, false, `Not written: ${outcome.message}`);
      this.log.warn(outcome.message);
      void vscode.window.showWarningMessage(`Ouro: ${outcome.message} Nothing was written; Ouro will read it again.`);
    }
  }

  /** The proposal as the user left it: unsaved edits in the diff, or what they saved into it. */
  private async editedContent(right: vscode.Uri, proposed: string): Promise<string> {
    const document = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === right.toString());
    const bytes = this.files.get(right);
    const saved = bytes ? decodeText(bytes) : undefined;
    const savedText = saved?.kind === 'text' ? withBom(saved.text, saved.bom) : proposed;
    if (!document?.isDirty) return savedText;
    const text = withBom(document.getText(), savedText.startsWith('\uFEFF'));
    // Saving into our own file system keeps VS Code from asking about unsaved changes on close.
    await document.save();
    return text;
  }
}

async function closeDiff(right: vscode.Uri): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === right.toString());
  if (tabs.length > 0) await vscode.window.tabGroups.close(tabs, true);
}
