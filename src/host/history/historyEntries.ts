// The rows of the history list: every saved conversation, or those whose text holds the query,
// newest first, the one the chat shows marked. Pure over the store.
import type { ConversationStore, ConversationSummary, SearchHit } from '../../agent/history/conversationStore';
import type { HistoryEntry } from '../../protocol/messages';

export async function historyEntries(store: ConversationStore, query: string, currentId: string | undefined): Promise<HistoryEntry[]> {
  const found: Array<ConversationSummary & Partial<Pick<SearchHit, 'matches'>>> = query.trim() ? await store.search(query) : await store.list();
  return found.map((summary) => ({
    id: summary.id,
    title: summary.title,
    updatedAt: summary.updatedAt,
    ...(summary.model ? { model: summary.model } : {}),
    messageCount: summary.messageCount,
    current: summary.id === currentId,
    // Where the words occur in the messages (a title match shows as the title itself).
    matches: (summary.matches ?? []).filter((match) => match.messageIndex >= 0).map((match) => match.snippet),
  }));
}
