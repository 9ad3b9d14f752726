// What is sent for a conversation once it has been compacted: the history itself is never
// rewritten (the chat shows all of it, undo points at its indexes, the file keeps it), and
// the request is derived from it and a small state. Between compactions the state does not
// change, so each request is the previous one plus the new messages: prompt caches hit.
import type { Message, ToolMessage } from '../conversation';

export interface ContextState {
  /** Tool results left out of requests, by tool call id: large and old, and the model can ask again. */
  trimmed: string[];
  /** Messages from the end of the head up to `through` (exclusive) are replaced by `text`. */
  summary?: { through: number; text: string };
}

export function emptyContextState(): ContextState {
  return { trimmed: [] };
}

/**
 * How many messages open the conversation and are always sent: the system prompt(s) and the
 * first user message (the task, in the user's own words).
 */
export function headLength(messages: readonly Message[]): number {
  const firstUser = messages.findIndex((message) => message.role === 'user');
  if (firstUser >= 0) return firstUser + 1;
  const firstOther = messages.findIndex((message) => message.role !== 'system');
  return firstOther < 0 ? messages.length : firstOther;
}

/** Where the part of the history sent as it is begins (after the head, or after the summary). */
export function keptFrom(messages: readonly Message[], state: ContextState): number {
  const head = headLength(messages);
  return state.summary && state.summary.through > head ? state.summary.through : head;
}

/** A cut before message `index` keeps every tool result with its call: it may not land on a result. */
export function isSafeCut(messages: readonly Message[], index: number): boolean {
  return index >= messages.length || messages[index].role !== 'tool';
}

/**
 * `maxResultChars`: a tool result longer than this is cut to its start and end wherever it is,
 * the latest exchange included, so that one huge result cannot make a request larger than the
 * window. It depends only on the result and the limit, so the prefix stays the same.
 */
export function requestView(messages: readonly Message[], state: ContextState, maxResultChars = Infinity): Message[] {
  const head = headLength(messages);
  const from = keptFrom(messages, state);
  const trimmed = new Set(state.trimmed);
  const view: Message[] = messages.slice(0, head);
  if (from > head && state.summary) view.push(summaryMessage(state.summary.text, from - head));
  for (let i = from; i < messages.length; i++) {
    view.push(sentAs(messages[i], trimmed, maxResultChars));
  }
  return view;
}

/** A message as it is sent: a trimmed tool result becomes its placeholder, an oversized one is cut. */
export function sentAs(message: Message, trimmed: ReadonlySet<string>, maxResultChars = Infinity): Message {
  if (message.role !== 'tool') return message;
  if (trimmed.has(message.toolCallId)) return trimmedResult(message);
  if (message.content.length <= maxResultChars) return message;
  // The same object each time, so the token count made for it is reused.
  const known = clipped.get(message);
  if (known?.maxChars === maxResultChars) return known.message;
  const cut = clippedResult(message, maxResultChars);
  clipped.set(message, { maxChars: maxResultChars, message: cut });
  return cut;
}

const clipped = new WeakMap<ToolMessage, { maxChars: number; message: ToolMessage }>();

// The texts below are part of the request: they must be the same every time they are built,
// or the provider's prompt cache misses.

export function summaryMessage(text: string, replaced: number): Message {
  return {
    role: 'user',
    content:
      `[Summary of the earlier conversation: ${replaced} messages were replaced by it to save room. ` +
      `Files may have changed since; read them again rather than trusting details here.]\n\n${text.trim()}`,
  };
}

export function trimmedResult(message: ToolMessage): ToolMessage {
  const lines = message.content.split('\n').length;
  return {
    ...message,
    content:
      `[Left out to save room: this ${message.name} result (${lines} lines, ${message.content.length} characters) ` +
      `was dropped from the conversation. Call ${message.name} again if you need it.]`,
  };
}

/** The result's first and last lines within `maxChars`, and a line saying exactly how many were left out between them. */
export function clippedResult(message: ToolMessage, maxChars: number): ToolMessage {
  const lines = message.content.split('\n');
  let head = 0;
  for (let used = 0; head < lines.length && used + lines[head].length + 1 <= maxChars * 0.6; head++) used += lines[head].length + 1;
  let tail = 0;
  for (let used = 0; tail < lines.length - head && used + lines[lines.length - 1 - tail].length + 1 <= maxChars * 0.4; tail++) used += lines[lines.length - 1 - tail].length + 1;
  const headChars = Math.floor(maxChars * 0.6);
  const kept = head > 0 ? lines.slice(0, head) : [lines[0].slice(0, headChars)];
  const left = lines.length - Math.max(head, 1) - tail;
  const are = left === 1 ? 'is' : 'are';
  const what =
    head > 0
      ? `${left} of the ${lines.length} lines of this ${message.name} result ${are} left out here`
      : `the first line of this ${message.name} result is cut after ${headChars} characters${left ? `, and ${left} line${left === 1 ? '' : 's'} after it ${are} left out` : ''}`;
  const note = `[Cut to fit the model's context window: ${what}. Ask for less at a time to see them (read_file with start_line and end_line, a narrower search or command).]`;
  return { ...message, content: [...kept, note, ...lines.slice(lines.length - tail)].join('\n') };
}
