// The editor's sessions are kept, so that `session/load` can bring one back: one conversation file
// each in the user's config folder (like the CLI's MCP sign-ins), saved as the turn goes; loading
// replays the conversation to the editor as the updates it would have seen live.
import { join } from 'node:path';
import type { SessionUpdate } from '@agentclientprotocol/sdk';
import type { ConversationRecord } from '../../agent/history/conversationRecord';
import { ConversationStore } from '../../agent/history/conversationStore';
import { NodeHistoryStorage } from '../../agent/history/nodeHistoryStorage';
import { ouroConfigFolder } from '../mcpTokenFile';
import { createUpdateMapper } from './sessionUpdates';

export function savedSessions(home: string, env: NodeJS.ProcessEnv): ConversationStore {
  return new ConversationStore(new NodeHistoryStorage(join(ouroConfigFolder(home, env), 'acp-sessions')));
}

/** The conversation as the updates the editor saw: the person's words, the replies, each tool call with its result, the plan. */
export function replayUpdates(conversation: Pick<ConversationRecord, 'messages' | 'turns'>, cwd: string): SessionUpdate[] {
  const toUpdates = createUpdateMapper(cwd);
  const prompts = new Set(conversation.turns.map((turn) => turn.messageIndex));
  return conversation.messages.flatMap((message, index): SessionUpdate[] => {
    switch (message.role) {
      case 'system':
        return [];
      case 'user':
        // Only each turn's prompt was the person's: the rest are Ouro's words to the model (a reminder, a note).
        return !prompts.has(index) ? [] : [{ sessionUpdate: 'user_message_chunk', content: { type: 'text', text: message.content } }];
      case 'assistant':
        return [
          ...(message.reasoning ? toUpdates({ type: 'reasoning', delta: message.reasoning }) : []),
          ...(message.content ? toUpdates({ type: 'text', delta: message.content }) : []),
          ...(message.toolCalls ?? []).flatMap((call) => toUpdates({ type: 'tool_call', call })),
        ];
      case 'tool':
        return toUpdates({ type: 'tool_result', id: message.toolCallId, name: message.name, content: message.content, isError: message.isError ?? false });
    }
  });
}
