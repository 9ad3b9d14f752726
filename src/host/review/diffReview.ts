// Review of a proposed write in VS Code's diff editor: left the file on disk, right the proposal,
// which the user may edit. A new file has no left side: its proposal opens on its own, shaded as
// added (see NewFileEditor). Accept and Reject, in the title bar or on the chat card, resolve the
// same pending decision.
import * as vscode from 'vscode';
import { decodeText, encodeText, withBom } from '../../agent/workspace/text';
import type { Proposal, ProposalOutcome } from '../../agent/workspace/workspace';
import { decisionNote } from '../../protocol/notes';
import { applyProposal } from './applyProposal';
import { STOPPED_REASON, type PendingDecisions } from '../chat/decisions';
import { STOPPED_NOTE } from '../../protocol/notes';
import { NewFileEditor } from './newFileEditor';
import { closeStrayTabs, openOnItsOwn } from './strayTabs';
import { proposalUri, type ProposalFileSystem } from './proposalFileSystem';

/** The editable proposal of `proposal`: a diff's right side, or a new file on its own. */
export function proposedUri(proposal: Proposal, protectedWhy?: string): vscode.Uri {
  const side = proposal.original !== undefined ? 'proposal' : protectedWhy ? 'new-protected' : 'new';
  return proposalUri(proposal.toolCallId, proposal.path, side);
}

export class DiffReview implements vscode.Disposable {
  /** The proposals still waiting, to open again from the chat card; no left side for a new file. */
  private readonly open = new Map<string, { left?: vscode.Uri; right: vscode.Uri; title: string }>();

  constructor(
    private readonly files: ProposalFileSystem,
    private readonly decisions: PendingDecisions,
    private readonly log: vscode.LogOutputChannel,
    private readonly newFiles = new NewFileEditor(),
  ) {}

  /** `protectedWhy`: the file decides what runs later; the diff's title and the chat card say so. */
  async review(uri: vscode.Uri, proposal: Proposal, signal?: AbortSignal, protectedWhy?: string): Promise<ProposalOutcome> {
    const right = proposedUri(proposal, protectedWhy);
    this.files.set(right, encodeText(proposal.content));
    const newFile = proposal.original === undefined;
    this.open.set(proposal.toolCallId, { ...(newFile ? {} : { left: uri }), right, title: `${proposal.path} ↔ Ouro's proposal${protectedWhy ? ' (protected)' : ''}` });
    const hadItsOwnTab = openOnItsOwn(uri);
    try {
      await this.show(proposal.toolCallId);
      const decision = await this.decisions.wait(
        { toolCallId: proposal.toolCallId, kind: 'edit', title: proposal.path, detail: proposal.summary, ...(protectedWhy ? { protectedWhy } : {}), ...(newFile ? { newFile } : {}) },
        signal,
      );
      const content = await this.editedContent(right, proposal.content);
      if (!decision.accepted) {
        await closeReview(right);
        this.decisions.announce(proposal.toolCallId, false, decision.reason === STOPPED_REASON ? STOPPED_NOTE : decisionNote(false, decision.reason));
        return { status: 'rejected', reason: decision.reason };
      }
      // The card says so the moment the person decides; a write that then fails says why.
      this.decisions.announce(proposal.toolCallId, true, content === proposal.content ? 'Accepted' : 'Accepted with your changes');
      // Closed before the write (the checks before it do not wait): closing it while the write
      // runs can close the document the write is saving (its left side is that file), and closing
      // it after the write leaves the file open in a tab of its own.
      const outcome = await applyProposal(uri, proposal, content, closeReview(right));
      if (!hadItsOwnTab) await closeStrayTabs(uri);
      this.report(proposal, outcome);
      return outcome;
    } finally {
      this.open.delete(proposal.toolCallId);
      this.newFiles.forget(right);
      this.files.delete(right);
    }
  }

  /** Opens (or brings back) a pending proposal without taking focus from the chat. */
  async show(toolCallId: string): Promise<void> {
    const review = this.open.get(toolCallId);
    if (!review) return;
    if (!review.left) return this.newFiles.show(review.right);
    await vscode.commands.executeCommand('vscode.diff', review.left, review.right, review.title, { preserveFocus: true, preview: false });
  }

  dispose(): void {
    this.newFiles.dispose();
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

/** Closes the tabs that show the proposal `right`: its diff, or a new file's own editor. */
async function closeReview(right: vscode.Uri): Promise<void> {
  const shows = (input: unknown): boolean =>
    (input instanceof vscode.TabInputTextDiff && input.modified.toString() === right.toString()) || (input instanceof vscode.TabInputText && input.uri.toString() === right.toString());
  const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => shows(tab.input));
  if (tabs.length > 0) await vscode.window.tabGroups.close(tabs, true);
}
