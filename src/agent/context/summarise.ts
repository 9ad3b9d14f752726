// The summary that replaces the middle of a long conversation, written by the model in requests
// of its own (no tools, the messages rendered as a plain transcript so that no provider objects
// to tool calls it has no specs for). A middle too long for one request is summarised in parts,
// each part continuing the summary so far. If the model fails, a plain list of what was left out
// stands in, so the conversation can always go on.
import type { Message } from '../conversation';
import type { Usage } from '../events';
import type { Model } from '../model';
import type { TokenCounter } from './tokenCounter';

export interface SummaryRequest {
  /** The summary the previous compaction wrote, which these messages continue. */
  previous?: string;
  messages: readonly Message[];
  /** Tokens of transcript one summarisation request may carry. */
  partTokens: number;
  /** About how long the summary may be, in tokens. */
  summaryTokens: number;
  counter: TokenCounter;
}

export interface SummaryResult {
  text: string;
  usage?: Usage;
  /** Set when the model's summary could not be had and the plain list stands in. */
  error?: string;
}

/** A tool result says what it says in its first lines; the summary needs no more of it. */
const RESULT_CHARS = 1500;
const TEXT_CHARS = 6000;

export async function summarise(model: Model, request: SummaryRequest, signal: AbortSignal): Promise<SummaryResult> {
  const entries = transcriptEntries(request.messages);
  let summary = request.previous;
  let usage: Usage | undefined;
  try {
    for (const part of splitIntoParts(entries, request.partTokens, request.counter)) {
      const reply = await complete(model, summaryPrompt(summary, part, request.summaryTokens), signal);
      usage = addUp(usage, reply.usage);
      if (!reply.text.trim()) throw new Error(`${model.name} returned an empty summary`);
      summary = reply.text.trim();
    }
    return { text: withinRoom(summary ?? '', request), ...(usage ? { usage } : {}) };
  } catch (err) {
    if (signal.aborted) throw err;
    const error = err instanceof Error ? err.message : String(err);
    return { text: plainSummary(request.previous, request.messages, request.summaryTokens * 3), error, ...(usage ? { usage } : {}) };
  }
}

/** One entry per message, long texts cut to their start. */
export function transcriptEntries(messages: readonly Message[]): string[] {
  const entries: string[] = [];
  for (const message of messages) {
    switch (message.role) {
      case 'system':
        break;
      case 'user':
        entries.push(`USER: ${clip(message.content, TEXT_CHARS)}`);
        break;
      case 'assistant': {
        const calls = (message.toolCalls ?? []).map((call) => `\n  -> ${call.name} ${clip(call.arguments, 300)}`).join('');
        if (message.content || calls) entries.push(`ASSISTANT: ${clip(message.content, TEXT_CHARS)}${message.interrupted ? ' [cut off]' : ''}${calls}`);
        break;
      }
      case 'tool':
        entries.push(`RESULT of ${message.name}${message.isError ? ' (error)' : ''}: ${clip(message.content, RESULT_CHARS)}`);
        break;
    }
  }
  return entries;
}

export function splitIntoParts(entries: readonly string[], partTokens: number, counter: TokenCounter): string[] {
  const parts: string[] = [];
  let current: string[] = [];
  let tokens = 0;
  for (const entry of entries) {
    const size = counter.count(entry) + 1;
    if (current.length && tokens + size > partTokens) {
      parts.push(current.join('\n'));
      current = [];
      tokens = 0;
    }
    current.push(entry);
    tokens += size;
  }
  if (current.length) parts.push(current.join('\n'));
  return parts;
}

export const SUMMARISER_SYSTEM_PROMPT =
  "You summarise a coding agent's conversation so that the agent can carry on with the task without it. Write for the agent.";

export function summaryPrompt(previous: string | undefined, transcript: string, summaryTokens: number): Message[] {
  const words = Math.max(50, Math.round(summaryTokens * 0.7));
  const before = previous ? `The summary so far (the transcript continues it):\n<summary>\n${previous}\n</summary>\n\n` : '';
  const task =
    `Summarise ${previous ? 'the summary so far and ' : ''}the transcript below in at most ${words} words. Keep:\n` +
    "- the user's requests and constraints;\n" +
    '- what was learnt: file paths, names, facts the task depends on;\n' +
    '- what was changed, in which files, and why; what was tried and failed;\n' +
    '- where the work stands and what is left to do.\n' +
    'Leave out file contents and tool output that no longer matter. Answer with the summary only.';
  return [
    { role: 'system', content: SUMMARISER_SYSTEM_PROMPT },
    { role: 'user', content: `${task}\n\n${before}<transcript>\n${transcript}\n</transcript>` },
  ];
}

/** Stands in for the model's summary: who asked what, and which tools ran on what. */
export function plainSummary(previous: string | undefined, messages: readonly Message[], maxChars: number): string {
  const lines = previous ? [previous, ''] : [];
  lines.push('The messages left out here held:');
  for (const message of messages) {
    if (message.role === 'user') lines.push(`- the user wrote: ${clip(oneLine(message.content), 200)}`);
    if (message.role === 'assistant') for (const call of message.toolCalls ?? []) lines.push(`- you called ${call.name} ${clip(call.arguments, 120)}`);
  }
  const text = lines.join('\n');
  if (text.length <= maxChars) return text;
  const head = Math.floor(maxChars / 3);
  return `${text.slice(0, head)}\n[…]\n${text.slice(text.length - (maxChars - head))}`;
}

/** A model that writes far past the length asked for would leave no room to work: cut it. */
function withinRoom(summary: string, request: SummaryRequest): string {
  const room = request.summaryTokens * 2;
  if (request.counter.count(summary) <= room) return summary;
  return `${summary.slice(0, room * 3)}\n[The summary was cut here: it ran past the room it had.]`;
}

async function complete(model: Model, messages: Message[], signal: AbortSignal): Promise<{ text: string; usage?: Usage }> {
  let text = '';
  let usage: Usage | undefined;
  for await (const chunk of model.stream({ messages, tools: [], signal })) {
    if (chunk.type === 'text') text += chunk.delta;
    else if (chunk.type === 'usage') usage = chunk.usage;
  }
  return { text, ...(usage ? { usage } : {}) };
}

function addUp(total: Usage | undefined, usage: Usage | undefined): Usage | undefined {
  if (!usage) return total;
  if (!total) return usage;
  return {
    promptTokens: total.promptTokens + usage.promptTokens,
    completionTokens: total.completionTokens + usage.completionTokens,
    cachedTokens: (total.cachedTokens ?? 0) + (usage.cachedTokens ?? 0),
  };
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)} […${text.length - max} more characters]`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
