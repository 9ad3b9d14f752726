// Our conversation and tool specs in the chat-completions wire format.
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import type { Message } from '../agent/conversation';
import type { ToolSpec } from './model';

export function toWireMessages(messages: readonly Message[]): ChatCompletionMessageParam[] {
  const wire: ChatCompletionMessageParam[] = [];
  for (const message of messages) {
    switch (message.role) {
      case 'system':
      case 'user':
        wire.push({ role: message.role, content: message.content });
        break;
      case 'assistant':
        // Reasoning stays home: DeepSeek rejects `reasoning_content` sent back, and no server needs it.
        if (message.toolCalls?.length) {
          wire.push({
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
          wire.push({ role: 'assistant', content: message.content });
        }
        break;
      case 'tool':
        // Several servers reject an empty tool result.
        wire.push({ role: 'tool', tool_call_id: message.toolCallId, content: message.content || '(no output)' });
        break;
      default: {
        const unhandled: never = message;
        throw new Error(`unknown message role ${(unhandled as Message).role}`);
      }
    }
  }
  return wire;
}

export function toWireTools(tools: readonly ToolSpec[]): ChatCompletionTool[] {
  return tools.map((tool) => ({ type: 'function', function: { name: tool.name, description: tool.description, parameters: tool.parameters } }));
}
