// Short builders for conversations in the context and history tests.
import type { AssistantMessage, Message, ToolMessage } from '../../../src/agent/conversation';

export const system = (content = 'You are a test.'): Message => ({ role: 'system', content });
export const user = (content: string): Message => ({ role: 'user', content });
export const answer = (content: string): AssistantMessage => ({ role: 'assistant', content });

export function calls(...ids: string[]): AssistantMessage {
  return { role: 'assistant', content: '', toolCalls: ids.map((id) => ({ id, name: 'read_file', arguments: `{"path":"${id}.ts"}` })) };
}

export function result(id: string, content: string): ToolMessage {
  return { role: 'tool', toolCallId: id, name: 'read_file', content };
}

/** A tiny deterministic random source, so a failing generated case can be run again. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A valid conversation of `exchanges` random exchanges: texts, single and parallel tool calls, new user turns. */
export function randomConversation(next: () => number, exchanges: number): Message[] {
  const messages: Message[] = [system(), user('the task')];
  let id = 0;
  for (let i = 0; i < exchanges; i++) {
    const kind = next();
    const size = () => 'x'.repeat(Math.floor(next() * 3000));
    if (kind < 0.1) messages.push(user(`more: ${size()}`));
    else if (kind < 0.2) messages.push(answer(`thinking ${size()}`));
    else {
      const ids = Array.from({ length: 1 + Math.floor(next() * 3) }, () => `c${++id}`);
      messages.push(calls(...ids));
      for (const callId of ids) messages.push(result(callId, size()));
    }
  }
  return messages;
}
