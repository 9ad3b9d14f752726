// Wording both sides use for a decided approval, so the live card and a restored one agree.

export function decisionNote(accepted: boolean, reason?: string): string {
  if (accepted) return reason ? `Accepted: ${reason}` : 'Accepted';
  return reason ? `Rejected: ${reason}` : 'Rejected';
}

/** Whether a decision's note says the user rejected it (not stopped, not a failed write). */
export function isRejectionNote(note: string | undefined): boolean {
  return note === 'Rejected' || (note?.startsWith('Rejected: ') ?? false);
}

/** An edit staged for the review at the end (not on disk yet). */
export const STAGED_NOTE = 'Staged: review it in Changes';

/** A decision the user's Stop ended: like a rejection, not a failure. */
export const STOPPED_NOTE = 'Stopped';
