// The diff review with Keep and Undo on each change: while a proposal's diff is open its hunks
// are decided one by one through ProposalHunks, and an accepted outcome carries the changes the
// person undid, so the model is told what was kept, undone and typed (see describeOutcome).
import type * as vscode from 'vscode';
import { hunksOf } from '../../agent/review/hunks';
import type { Proposal, ProposalOutcome } from '../../agent/workspace/workspace';
import { count } from '../../agent/tools/fileDisplay';
import type { PendingDecisions } from '../chat/decisions';
import { DiffReview, proposedUri } from './diffReview';
import type { ProposalFileSystem } from './proposalFileSystem';
import type { ProposalHunks } from './proposalHunks';
import type { NewFileEditor } from './newFileEditor';

export class HunkByHunkReview extends DiffReview {
  constructor(
    files: ProposalFileSystem,
    private readonly pending: PendingDecisions,
    log: vscode.LogOutputChannel,
    private readonly hunks: ProposalHunks,
    newFiles?: NewFileEditor,
  ) {
    super(files, pending, log, newFiles);
  }

  override async review(uri: vscode.Uri, proposal: Proposal, signal?: AbortSignal, protectedWhy?: string): Promise<ProposalOutcome> {
    const tracked = this.hunks.track(proposedUri(proposal, protectedWhy), proposal);
    try {
      const outcome = await super.review(uri, proposal, signal, protectedWhy);
      const undone = tracked.undone();
      if (outcome.status !== 'accepted' || !undone) return outcome;
      const all = hunksOf(proposal.original ?? '', proposal.content).length;
      this.pending.announce(proposal.toolCallId, true, `Kept ${all - undone.length} of ${count(all, 'change')}`);
      return { ...outcome, undone };
    } finally {
      tracked.dispose();
    }
  }
}
