// Ollama drops streamed tool calls for some models: the stream ends with no text, no call and
// `finish_reason: "stop"`, while the same request with `stream: false` returns the call. So an
// entirely empty streamed reply is asked for once more without streaming, and the whole reply
// is read as if it had been one chunk. Pure.
import type { ChatCompletion } from 'openai/resources/chat/completions';
import type { ModelChunk } from '../agent/model';
import { ChunkReader } from './chunkReader';

/** The closing chunks of a streamed reply with nothing in it: no text, no thinking, no call. */
export function isEmptyReply(chunks: readonly ModelChunk[]): boolean {
  return chunks.every((chunk) => chunk.type === 'usage' || (chunk.type === 'finish' && chunk.toolCalls.length === 0));
}

/** A non-streamed completion as the chunks a stream of it would have given. */
export function chunksOfCompletion(completion: ChatCompletion, newToolCallId: () => string): ModelChunk[] {
  const reader = new ChunkReader(newToolCallId);
  const choices = (completion.choices ?? []).map((choice) => {
    const message = (choice.message ?? {}) as unknown as Record<string, unknown>;
    const calls = Array.isArray(message.tool_calls) ? (message.tool_calls as object[]) : undefined;
    // A whole message has no deltas to key: each call gets its own index.
    const delta = { ...message, ...(calls ? { tool_calls: calls.map((call, index) => ({ index, ...call })) } : {}) };
    return { index: choice.index ?? 0, delta, finish_reason: choice.finish_reason ?? 'stop' };
  });
  return [...reader.read({ choices, usage: completion.usage }), ...reader.end()];
}
