// The host's copy of the chat: every transcript message, in order, with streamed text merged,
// so a webview that is recreated can be given the whole chat at once. Pure.
import type { TranscriptMessage } from '../../protocol/messages';

export class Transcript {
  private entries: TranscriptMessage[] = [];

  /** `forward` sends each message on as it arrives (to the webview, if one is showing). */
  constructor(private readonly forward: (message: TranscriptMessage) => void) {}

  add(message: TranscriptMessage): void {
    // A card that follows a run is replaced where it is.
    const at = message.type === 'tryCard' ? this.entries.findIndex((entry) => entry.type === 'tryCard' && entry.card.id === message.card.id) : -1;
    if (at >= 0) {
      this.entries[at] = message;
      return this.forward(message);
    }
    const last = this.entries[this.entries.length - 1];
    const merged = last && mergeDeltas(last, message);
    if (merged) this.entries[this.entries.length - 1] = merged;
    else this.entries.push(message);
    this.forward(message);
  }

  all(): TranscriptMessage[] {
    return this.entries.slice();
  }

  /** Starts over with `entries` (none: an empty chat); nothing is forwarded, the caller sends a snapshot. */
  replace(entries: TranscriptMessage[] = []): void {
    this.entries = entries.slice();
  }
}

/** Two deltas of the same kind in a row become one: a long reply is one entry, not thousands. */
function mergeDeltas(previous: TranscriptMessage, next: TranscriptMessage): TranscriptMessage | undefined {
  if (previous.type !== 'agent' || next.type !== 'agent') return undefined;
  const a = previous.event;
  const b = next.event;
  if (a.type === 'text' && b.type === 'text') return { type: 'agent', event: { type: 'text', delta: a.delta + b.delta } };
  if (a.type === 'reasoning' && b.type === 'reasoning') return { type: 'agent', event: { type: 'reasoning', delta: a.delta + b.delta } };
  return undefined;
}
