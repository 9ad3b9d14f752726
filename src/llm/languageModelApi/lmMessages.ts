// Our conversation in the shape of VS Code's Language Model API, as plain data (the host turns
// it into LanguageModelChatMessage objects). Pure, so the mapping is tested without an editor.
//
// The API has only User and Assistant messages: the system prompt goes first, as a User
// message (the documented way). A call is a tool-call part of the Assistant message; its result
// a tool-result part of the User message after it, all results of one reply in one message.
import type { Message } from '../../agent/conversation';
import type { ToolSpec } from '../../agent/model';

export type LmPart =
  | { kind: 'text'; value: string }
  | { kind: 'toolCall'; callId: string; name: string; input: object }
  | { kind: 'toolResult'; callId: string; content: string }
  | { kind: 'image'; mimeType: string; data: string };

export interface LmMessage {
  role: 'user' | 'assistant';
  parts: LmPart[];
}

/** What `LanguageModelChatTool` holds. */
export interface LmTool {
  name: string;
  description: string;
  inputSchema: object;
}

export function toLmMessages(messages: readonly Message[]): LmMessage[] {
  const out: LmMessage[] = [];
  for (const message of messages) {
    switch (message.role) {
      case 'system':
        if (message.content) out.push({ role: 'user', parts: [{ kind: 'text', value: message.content }] });
        break;
      case 'user': {
        const parts: LmPart[] = message.content ? [{ kind: 'text', value: message.content }] : [];
        for (const image of message.images ?? []) if (image.data) parts.push({ kind: 'image', mimeType: image.mediaType, data: image.data });
        if (parts.length) out.push({ role: 'user', parts });
        break;
      }
      case 'assistant': {
        const parts: LmPart[] = message.content ? [{ kind: 'text', value: message.content }] : [];
        for (const call of message.toolCalls ?? []) parts.push({ kind: 'toolCall', callId: call.id, name: call.name, input: argumentsObject(call.arguments) });
        if (parts.length) out.push({ role: 'assistant', parts });
        break;
      }
      case 'tool': {
        const result: LmPart = { kind: 'toolResult', callId: message.toolCallId, content: message.content || '(no output)' };
        const last = out[out.length - 1];
        if (last?.role === 'user' && last.parts.every((part) => part.kind === 'toolResult')) last.parts.push(result);
        else out.push({ role: 'user', parts: [result] });
        break;
      }
      default: {
        const unhandled: never = message;
        throw new Error(`unknown message role ${(unhandled as Message).role}`);
      }
    }
  }
  return out;
}

export function toLmTools(tools: readonly ToolSpec[]): LmTool[] {
  return tools.map((tool) => ({ name: tool.name, description: tool.description, inputSchema: tool.parameters }));
}

/**
 * A call's input is an object in this API. Arguments that are not a JSON object (the call was
 * answered with an error saying so) go back as `{}`.
 */
function argumentsObject(text: string): object {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}

/** Text for counting a request's tokens in one call: every part, as the model reads it. */
export function lmMessagesText(messages: readonly LmMessage[]): string {
  return messages
    .flatMap((message) => message.parts.filter((part) => part.kind !== 'image').map((part) => (part.kind === 'text' ? part.value : part.kind === 'toolResult' ? part.content : `${part.name} ${JSON.stringify(part.input)}`)))
    .join('\n');
}
