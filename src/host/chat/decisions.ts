// What waits for the user, keyed by tool call id: proposed edits (the diff editor's title bar and
// the chat card both resolve the same entry), approvals, and ask_user's questions. Every wait ends: by a decision, or
// by the turn's AbortSignal. Pure: no editor here.
import type { PendingDecision, TranscriptMessage } from '../../protocol/messages';

export interface Decision {
  accepted: boolean;
  reason?: string;
  /** What the user answered to a question. */
  answer?: string;
  /** Which of the offered choices approved it. */
  choice?: string;
}

export const STOPPED_REASON = 'The user stopped the task before deciding.';

export class PendingDecisions {
  private readonly pending = new Map<string, { decision: PendingDecision; settle(decision: Decision): void }>();
  /**
   * Edits the loop has shown on their cards (with Accept and Reject) whose review is still opening,
   * and what the person chose on such a card before it did: the review takes that choice.
   */
  private readonly announced = new Set<string>();
  private readonly early = new Map<string, Decision>();

  constructor(private readonly post: (message: TranscriptMessage) => void) {}

  /** Shows the decision in the chat and waits for the user. */
  wait(decision: PendingDecision, signal?: AbortSignal): Promise<Decision> {
    // A second wait on the same call replaces the first, which is then refused.
    this.pending.get(decision.toolCallId)?.settle({ accepted: false, reason: 'Superseded by a newer request.' });
    const early = this.early.get(decision.toolCallId);
    this.early.delete(decision.toolCallId);
    if (early) return Promise.resolve(early);
    return new Promise<Decision>((resolve) => {
      const onAbort = () => settle({ accepted: false, reason: STOPPED_REASON });
      const settle = (result: Decision) => {
        signal?.removeEventListener('abort', onAbort);
        this.pending.delete(decision.toolCallId);
        resolve(result);
      };
      if (signal?.aborted) return settle({ accepted: false, reason: STOPPED_REASON });
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(decision.toolCallId, { decision, settle });
      this.post({ type: 'pending', decision });
    });
  }

  /** Resolves the decision for a tool call; false when nothing was waiting for it. */
  decide(toolCallId: string, decision: Decision): boolean {
    const entry = this.pending.get(toolCallId);
    if (entry) {
      entry.settle(decision);
      return true;
    }
    if (!this.announced.has(toolCallId)) return false;
    this.early.set(toolCallId, decision);
    return true;
  }

  /** Follows what the chat is shown: an edit's card asks before its review waits, and ends with its result. */
  observe(message: TranscriptMessage): void {
    if (message.type !== 'agent') return;
    const { event } = message;
    if (event.type === 'approval_request' && event.kind === 'edit') this.announced.add(event.toolCallId);
    else if (event.type === 'approval_result') {
      this.announced.delete(event.id);
      this.early.delete(event.id);
    }
  }

  /**
   * Approves with one of the choices the decision offered; false when nothing waits on that call,
   * or the choice was not offered (a decision with choices needs one).
   */
  choose(toolCallId: string, choice: string | undefined): boolean {
    const choices = this.pending.get(toolCallId)?.decision.choices;
    // An edit whose review is still opening offers no choices.
    if (!this.pending.has(toolCallId)) return choice === undefined && this.decide(toolCallId, { accepted: true });
    if (choices?.length ? !choices.some((offered) => offered.id === choice) : choice !== undefined) return false;
    return this.decide(toolCallId, { accepted: true, ...(choice !== undefined ? { choice } : {}) });
  }

  /** Answers a pending question; false when no question waits on that call (an edit is never "answered"). */
  answer(toolCallId: string, text: string): boolean {
    if (this.pending.get(toolCallId)?.decision.kind !== 'question') return false;
    return this.decide(toolCallId, { accepted: true, answer: text });
  }

  /** Tells the chat how a decision ended (after it was acted on, e.g. "Not written: ..."). */
  announce(toolCallId: string, accepted: boolean, note: string): void {
    this.post({ type: 'decided', toolCallId, accepted, note });
  }

  has(toolCallId: string): boolean {
    return this.pending.has(toolCallId);
  }

  /** What is waiting on a tool call, as the host asked it. */
  get(toolCallId: string): PendingDecision | undefined {
    return this.pending.get(toolCallId)?.decision;
  }

  /** Shows a waiting decision again (its card's buttons live again, e.g. after a failed Always allow). */
  remind(toolCallId: string): void {
    const entry = this.pending.get(toolCallId);
    if (entry) this.post({ type: 'pending', decision: entry.decision });
  }

  /** The most recent pending decision of a kind, for commands run without a target. */
  latest(kind?: PendingDecision['kind']): PendingDecision | undefined {
    const all = [...this.pending.values()].map((entry) => entry.decision).filter((decision) => !kind || decision.kind === kind);
    return all[all.length - 1];
  }

  /** Refuses everything still waiting (New Chat, shutdown). */
  rejectAll(reason: string): void {
    for (const id of [...this.pending.keys()]) this.decide(id, { accepted: false, reason });
    this.announced.clear();
    this.early.clear();
  }
}
