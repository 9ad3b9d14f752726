// The size of a request as it goes on the wire: each message's text plus the few tokens of
// framing a chat format adds, and the tool specs as JSON. Counts are kept per message object
// (the history is append-only), so measuring before every request costs only the new messages.
import type { Message } from '../conversation';
import type { ToolSpec } from '../model';
import { functionTools } from '../toolSpecs';
import type { TokenCounter } from './tokenCounter';
import { userImageTokens } from '../images/messageImageTokens';

/** Role and separators around each message (OpenAI's published count is 3 to 4). */
const PER_MESSAGE = 4;
/** Type, id and braces around each tool call. */
const PER_CALL = 8;
/** The reply is primed with the assistant's header. */
const PER_REQUEST = 3;

export class RequestMeter {
  private readonly messages = new WeakMap<Message, { content: string; tokens: number }>();
  private readonly tools = new WeakMap<readonly ToolSpec[], number>();

  constructor(private readonly counter: TokenCounter) {}

  request(messages: readonly Message[], tools: readonly ToolSpec[]): number {
    let total = PER_REQUEST + this.toolSpecs(tools);
    for (const message of messages) total += this.message(message);
    return total;
  }

  toolSpecs(tools: readonly ToolSpec[]): number {
    if (tools.length === 0) return 0;
    let tokens = this.tools.get(tools);
    if (tokens === undefined) {
      tokens = this.counter.count(JSON.stringify(functionTools(tools)));
      this.tools.set(tools, tokens);
    }
    return tokens;
  }

  message(message: Message): number {
    const known = this.messages.get(message);
    if (known && known.content === message.content) return known.tokens;
    const tokens = messageTokens(message, this.counter);
    this.messages.set(message, { content: message.content, tokens });
    return tokens;
  }
}

/** Mirrors toWireMessages: an empty assistant message is left out. */
export function messageTokens(message: Message, counter: TokenCounter): number {
  switch (message.role) {
    case 'system':
      return PER_MESSAGE + counter.count(message.content);
    case 'user':
      return PER_MESSAGE + counter.count(message.content) + (message.images ?? []).reduce((sum, image) => sum + userImageTokens(image), 0);
    case 'assistant': {
      const calls = message.toolCalls ?? [];
      if (!calls.length && !message.content) return 0;
      // Reasoning is counted although most servers never get it back (DeepSeek's thinking mode does): better over than under.
      let tokens = PER_MESSAGE + counter.count(message.content) + counter.count(message.reasoning ?? '');
      for (const call of calls) {
        tokens += PER_CALL + counter.count(call.id) + counter.count(call.name) + counter.count(call.arguments);
        if (call.providerData) tokens += counter.count(JSON.stringify(call.providerData));
      }
      return tokens;
    }
    case 'tool':
      return PER_MESSAGE + counter.count(message.toolCallId) + counter.count(message.name) + counter.count(message.content || '(no output)');
  }
}
