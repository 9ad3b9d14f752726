// Our conversation and tool specs in the chat-completions wire format.
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import type { AssistantMessage, Message } from '../agent/conversation';
import type { ToolSpec } from '../agent/model';
import { functionTools } from '../agent/toolSpecs';

export interface WireOptions {
  /**
   * Send thinking back as `reasoning_content`. DeepSeek's thinking mode refuses a follow-up to a
   * tool call without it ("must be passed back to the API"); other servers never need it.
   */
  echoReasoning?: boolean;
}

export function toWireMessages(messages: readonly Message[], options: WireOptions = {}): ChatCompletionMessageParam[] {
  const wire: ChatCompletionMessageParam[] = [];
  for (const [index, message] of messages.entries()) {
    switch (message.role) {
      case 'system':
        wire.push({ role: message.role, content: message.content });
        break;
      case 'user': {
        // A note from Ouro next to the user's words: one message, since many chat templates
        // (Gemma's, Mistral's) refuse two user messages in a row.
        const last = wire[wire.length - 1];
        const previous = index > 0 ? messages[index - 1] : undefined;
        const beside = message.note || (previous?.role === 'user' && previous.note);
        if (beside && last?.role === 'user' && typeof last.content === 'string') last.content += `\n\n${message.content}`;
        else wire.push({ role: 'user', content: message.content });
        break;
      }
      case 'assistant':
        if (message.toolCalls?.length) {
          wire.push({
            ...echoedReasoning(message, options),
            role: 'assistant',
            // null, not "": proxies in front of Anthropic refuse empty text blocks.
            content: message.content || null,
            tool_calls: message.toolCalls.map((call) => ({
              id: call.id,
              type: 'function',
              function: { name: call.name, arguments: call.arguments },
              // Gemini 3 wants its thought signature back where it put it.
              ...(call.providerData ? { extra_content: call.providerData } : {}),
            })),
          });
        } else if (message.content) {
          wire.push({ ...echoedReasoning(message, options), role: 'assistant', content: message.content });
        }
        break;
      case 'tool':
        // Gemini refuses a tool result without `name` ("function_response.name: Name cannot be
        // empty"); OpenAI, Ollama and the rest accept it. Several servers refuse empty content.
        wire.push({ role: 'tool', tool_call_id: message.toolCallId, name: message.name, content: message.content || '(no output)' } as ChatCompletionMessageParam);
        break;
      default: {
        const unhandled: never = message;
        throw new Error(`unknown message role ${(unhandled as Message).role}`);
      }
    }
  }
  return wire;
}

/** `reasoning_content` is not in the SDK's types: it is DeepSeek's extension. */
function echoedReasoning(message: AssistantMessage, options: WireOptions): object {
  return options.echoReasoning && message.reasoning ? { reasoning_content: message.reasoning } : {};
}

export function toWireTools(tools: readonly ToolSpec[]): ChatCompletionTool[] {
  return functionTools(tools);
}
