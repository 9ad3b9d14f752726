// Wraps any model client for a tool mode. Native: the request is sent as it is, and when the
// reply has no structured call, calls the model wrote as text become calls. Text: the request
// carries no tools (they are described in the prompt) and calls are read from the text only.
// Either way the text of a call is not shown, and the calls get ids, so the conversation the
// loop keeps is valid for the next request in both modes.
import type { ToolCall } from '../../agent/conversation';
import type { Model, ModelChunk, ModelRequest } from '../../agent/model';
import type { ToolMode } from '../toolMode';
import { CallScanner } from './callScanner';
import { toTextToolMessages } from './textToolPrompt';
import { randomTag } from '../callIds';

export function withToolMode(model: Model, mode: ToolMode): Model {
  return new ToolModeModel(model, mode);
}

class ToolModeModel implements Model {
  readonly name: string;
  private readonly idTag = randomTag();
  private idCount = 0;

  constructor(
    private readonly inner: Model,
    readonly mode: ToolMode,
  ) {
    this.name = inner.name;
  }

  async *stream(request: ModelRequest): AsyncGenerator<ModelChunk> {
    if (request.tools.length === 0) return yield* this.inner.stream(request);
    const sent = this.mode === 'text' ? { ...request, messages: toTextToolMessages(request.messages, request.tools), tools: [] } : request;
    const scanner = new CallScanner(new Set(request.tools.map((tool) => tool.name)));
    for await (const chunk of this.inner.stream(sent)) {
      if (chunk.type === 'text') {
        const shown = scanner.push(chunk.delta);
        if (shown) yield { type: 'text', delta: shown };
      } else if (chunk.type === 'finish') {
        const { text, calls } = scanner.end();
        if (text) yield { type: 'text', delta: text };
        if (chunk.toolCalls.length > 0 || calls.length === 0) {
          yield chunk;
        } else {
          const toolCalls: ToolCall[] = calls.map((call) => ({ id: this.newId(), ...call }));
          // A reply cut off by the token limit stays so: the loop will not run a call whose JSON is cut.
          yield { type: 'finish', reason: chunk.reason === 'length' ? 'length' : 'tool_calls', toolCalls };
        }
      } else {
        yield chunk;
      }
    }
  }

  private newId(): string {
    return `call_${this.idTag}t${++this.idCount}`;
  }
}
