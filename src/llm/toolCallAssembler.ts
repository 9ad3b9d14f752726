// Assembles streamed tool-call deltas into whole calls. Pure: no I/O, ids come from the caller.
//
// The OpenAI reference streams each call as deltas keyed by `index`, with `id`, `type` and
// `name` on the first delta and `arguments` in pieces. Real servers differ, and each rule
// below names one that does:
// - Gemini omits `index` and sends each call whole in one delta, parallel calls included.
// - Gemini (through several proxies) and some vLLM parsers reuse index 0 for every parallel
//   call, telling them apart only by a new `id` and `name`.
// - vLLM and Ollama have streamed calls without `id`; LM Studio and LiteLLM send `id: ""`.
// - llama.cpp (before mid-2025) repeated `name` on every delta of one call.
// - LiteLLM-fronted Bedrock numbers the first call 1, not 0.
// - Some servers send `arguments` as a JSON object instead of a string, or "" for no arguments.
// - Ollama and Gemini end a tool turn with finish_reason "stop" rather than "tool_calls".
// - Gemini 3 attaches `extra_content` (its thought signature) to a call, sometimes in a delta of
//   its own, and rejects the next request if it does not come back.
import type { ToolCall } from '../agent/conversation';
import type { FinishReason } from '../agent/model';
import { isCompleteJson } from '../agent/truncatedCall';

export interface ToolCallDelta {
  index?: number | null;
  id?: string | null;
  type?: string | null;
  function?: { name?: string | null; arguments?: unknown } | null;
  extra_content?: unknown;
}

interface PartialCall {
  id?: string;
  name: string;
  arguments: string;
  providerData?: Record<string, unknown>;
}

export class ToolCallAssembler {
  private readonly calls: PartialCall[] = [];
  /** The call each wire index points at now (an index can be reused for a later call). */
  private readonly byIndex = new Map<number, PartialCall>();

  constructor(private readonly newId: () => string) {}

  get size(): number {
    return this.calls.length;
  }

  add(delta: ToolCallDelta): void {
    const index = typeof delta.index === 'number' ? delta.index : undefined;
    const id = delta.id || undefined;
    const name = delta.function?.name || undefined;
    const call = this.target(index, id, name);
    if (id && !call.id) call.id = id;
    if (name && !call.name) call.name = name;
    call.arguments = appendArguments(call.arguments, delta.function?.arguments);
    if (delta.extra_content && typeof delta.extra_content === 'object') call.providerData = { ...call.providerData, ...(delta.extra_content as Record<string, unknown>) };
  }

  /**
   * The assembled calls, in the order they started (calls that never got a name or arguments
   * are dropped), and why the turn ended, given the finish reason the server sent if any.
   */
  finish(sent?: FinishReason): { reason: FinishReason; toolCalls: ToolCall[] } {
    const toolCalls = this.calls
      .filter((call) => call.name || call.arguments.trim())
      .map((call) => ({
        id: (call.id ??= this.newId()),
        name: call.name,
        arguments: normaliseArguments(call.arguments),
        ...(call.providerData ? { providerData: call.providerData } : {}),
      }));
    return { reason: finishReasonFor(sent, toolCalls.length > 0), toolCalls };
  }

  private target(index: number | undefined, id: string | undefined, name: string | undefined): PartialCall {
    const current = index === undefined ? this.calls[this.calls.length - 1] : this.byIndex.get(index);
    if (id) {
      const known = this.calls.find((call) => call.id === id);
      if (known) return known;
      // A new id at a known index is a new call when it names a tool (index reuse); without a
      // name it is the same call under a fresh id (servers that re-id every delta) or the id
      // arriving after the first delta.
      if (current && !name && (index !== undefined || !current.id)) return current;
      return this.start(index);
    }
    if (name) {
      if (current && continuesWithName(current, name)) return current;
      return this.start(index);
    }
    return current ?? this.start(index);
  }

  private start(index: number | undefined): PartialCall {
    const call: PartialCall = { name: '', arguments: '' };
    this.calls.push(call);
    if (index !== undefined) this.byIndex.set(index, call);
    return call;
  }
}

/** Ollama, Gemini and some gpt-4o snapshots end a tool turn with "stop"; some servers send no reason at all. */
function finishReasonFor(sent: FinishReason | undefined, hasCalls: boolean): FinishReason {
  if (!hasCalls) return sent ?? 'stop';
  return sent === undefined || sent === 'stop' || sent === 'other' ? 'tool_calls' : sent;
}

/** A delta carrying a name continues `call` if the name arrives late, or repeats it mid-call (old llama.cpp). */
function continuesWithName(call: PartialCall, name: string): boolean {
  if (!call.name) return true;
  return call.name === name && !isCompleteJson(call.arguments);
}

/** Arguments streamed as a string are appended; an object (some Ollama builds, some proxies) is the whole value. */
function appendArguments(sofar: string, piece: unknown): string {
  if (piece === undefined || piece === null) return sofar;
  if (typeof piece === 'string') return sofar + piece;
  return JSON.stringify(piece);
}

/** "" and "null" mean no arguments: the tools expect an object. */
export function normaliseArguments(text: string): string {
  const trimmed = text.trim();
  return trimmed === '' || trimmed === 'null' ? '{}' : text;
}
