// Wording both sides use for a decided approval, so the live card and a restored one agree.

export function decisionNote(accepted: boolean, reason?: string): string {
  if (accepted) return 'Accepted';
  return reason ? `Rejected: ${reason}` : 'Rejected';
}
