// Deciding what a compaction does, as a pure function of the history and its token sizes:
// first leave out large old tool results; if that is not enough, replace the middle of the
// conversation with a summary. The latest exchange is always kept as it is, and cuts fall only
// before a user or assistant message, so a tool result never loses its call.
import type { Message } from '../conversation';
import { isSafeCut, keptFrom, type ContextState } from './requestView';

export interface PlanInput {
  messages: readonly Message[];
  state: ContextState;
  /** Tokens of message `index` as it is sent now (a trimmed result counts as its placeholder). */
  size(index: number): number;
  /** Tokens of the whole request now. */
  total: number;
  /** Tokens that stay whatever happens: the tool specs, the framing, the head. */
  fixed: number;
  /** What a compaction aims for: the request afterwards holds at most this many tokens. */
  target: number;
  /** Tool results larger than this are worth leaving out. */
  largeResult: number;
  /** Room kept for the summary. */
  summaryRoom: number;
  /** Summarise all but the latest exchange, even if leaving out results would be enough ("compact now"). */
  force?: boolean;
}

export type CompactionPlan =
  | { kind: 'none' }
  | { kind: 'trim'; trim: string[] }
  /** Summarise messages [from, through) (with the summary so far) and send the rest as it is. */
  | { kind: 'summary'; from: number; through: number };

/** About what a trimmed result's placeholder costs; the request is measured again afterwards. */
export const PLACEHOLDER_TOKENS = 50;

export function planCompaction(input: PlanInput): CompactionPlan {
  const { messages, state } = input;
  const from = keptFrom(messages, state);
  const cut = tailStart(input, from);

  const trimmed = new Set(state.trimmed);
  const trim: string[] = [];
  let saved = 0;
  for (let i = from; i < cut; i++) {
    const message = messages[i];
    if (message.role !== 'tool' || trimmed.has(message.toolCallId) || input.size(i) <= input.largeResult) continue;
    trim.push(message.toolCallId);
    saved += input.size(i) - PLACEHOLDER_TOKENS;
  }
  if (!input.force && trim.length && input.total - saved <= input.target) return { kind: 'trim', trim };
  if (cut > from) return { kind: 'summary', from, through: cut };
  return trim.length ? { kind: 'trim', trim } : { kind: 'none' };
}

/**
 * Where the kept tail begins: at the latest exchange at the least, reaching back over whole
 * exchanges while they fit in what the target leaves after the fixed part and the summary.
 */
export function tailStart(input: PlanInput, from: number): number {
  const { messages } = input;
  let cut = messages.length;
  for (let i = messages.length - 1; i >= from; i--) {
    if (isSafeCut(messages, i)) {
      cut = i;
      break;
    }
  }
  // Compacting on demand keeps only the latest exchange.
  const budget = input.force ? 0 : input.target - input.fixed - input.summaryRoom;
  let tail = 0;
  for (let i = messages.length - 1; i >= cut; i--) tail += input.size(i);
  for (let i = cut - 1; i >= from; i--) {
    tail += input.size(i);
    if (!isSafeCut(messages, i)) continue;
    if (tail > budget) break;
    cut = i;
  }
  return cut;
}
