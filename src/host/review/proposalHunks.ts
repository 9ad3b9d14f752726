// The pending proposals as a source of hunks for the Keep and Undo lenses: each proposal under
// review keeps its person's decisions, and once every change in its diff is decided the
// proposal resolves by itself: accepted with what was kept, or rejected when all were undone.
import * as vscode from 'vscode';
import { HunkDecisions } from '../../agent/review/hunkDecisions';
import type { Hunk } from '../../agent/review/hunks';
import { BOM } from '../../agent/workspace/text';
import type { Proposal } from '../../agent/workspace/workspace';
import type { PendingDecisions } from '../chat/decisions';
import type { HunkSource } from './hunkLens';
import { PROPOSAL_SCHEME } from './proposalFileSystem';

/** The reason a proposal whose every change was undone is rejected with (the card and the model read it). */
export const ALL_UNDONE_REASON = 'every change was undone';

export interface TrackedProposal extends vscode.Disposable {
  /** The changes the person undid, by index; undefined when they decided none on its own. */
  undone(): number[] | undefined;
}

export class ProposalHunks implements HunkSource, vscode.Disposable {
  readonly scheme = PROPOSAL_SCHEME;
  private readonly reviews = new Map<string, { toolCallId: string; decisions: HunkDecisions }>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly pending: PendingDecisions) {}

  /** Follows the proposal whose diff's right side is `right`, until disposed. */
  track(right: vscode.Uri, proposal: Proposal): TrackedProposal {
    const key = right.toString();
    // The editor's text never holds the byte-order mark; the hunks are made without it.
    const decisions = new HunkDecisions(withoutBom(proposal.original ?? ''), withoutBom(proposal.content));
    this.reviews.set(key, { toolCallId: proposal.toolCallId, decisions });
    this.changed.fire();
    return {
      undone: () => (decisions.reviewed ? decisions.undone() : undefined),
      dispose: () => {
        if (this.reviews.get(key)?.decisions === decisions) this.reviews.delete(key);
        this.changed.fire();
      },
    };
  }

  handles(uri: vscode.Uri): boolean {
    return this.reviews.has(uri.toString());
  }

  original(uri: vscode.Uri): string {
    return this.reviews.get(uri.toString())?.decisions.original ?? '';
  }

  isKept(uri: vscode.Uri, hunk: Hunk): boolean {
    return this.reviews.get(uri.toString())?.decisions.isKept(hunk) ?? false;
  }

  async decide(uri: vscode.Uri, hunk: Hunk, keep: boolean): Promise<void> {
    const review = this.reviews.get(uri.toString());
    if (!review) return;
    if (keep) review.decisions.keep(hunk);
    else review.decisions.undo(hunk);
    this.changed.fire();
    const document = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
    if (!document) return;
    const state = review.decisions.state(document.getText());
    if (state === 'kept') this.pending.decide(review.toolCallId, { accepted: true });
    else if (state === 'undone') this.pending.decide(review.toolCallId, { accepted: false, reason: ALL_UNDONE_REASON });
  }

  dispose(): void {
    this.changed.dispose();
    this.reviews.clear();
  }
}

function withoutBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(BOM.length) : text;
}
