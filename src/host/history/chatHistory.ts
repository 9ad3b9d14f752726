// The chat's saved conversations: the store (one file per conversation in the extension's
// storage) and which one the chat has open, remembered per workspace so a reloaded window opens
// it again. Only types come from vscode.
import type * as vscode from 'vscode';
import type { ConversationRecord } from '../../agent/history/conversationRecord';
import { ConversationStore, type LoadedConversation } from '../../agent/history/conversationStore';
import type { HistoryStorage } from '../../agent/history/historyStorage';

const CURRENT_KEY = 'ouro.currentConversation';

export class ChatHistory {
  readonly store: ConversationStore;

  constructor(
    storage: HistoryStorage,
    private readonly memory: Pick<vscode.Memento, 'get' | 'update'>,
  ) {
    this.store = new ConversationStore(storage);
  }

  /** The id of the conversation the chat has open, if it has been saved. */
  get currentId(): string | undefined {
    return this.memory.get<string>(CURRENT_KEY);
  }

  async save(conversation: ConversationRecord): Promise<void> {
    await this.store.save(conversation);
    if (this.currentId !== conversation.id) await this.memory.update(CURRENT_KEY, conversation.id);
  }

  /** Remembers that the chat shows `id` (undefined: a new chat not saved yet). */
  async setCurrent(id: string | undefined): Promise<void> {
    await this.memory.update(CURRENT_KEY, id);
  }

  /** The conversation open when the window closed, repaired if a step was in flight; undefined if none or gone. */
  async openLast(): Promise<LoadedConversation | undefined> {
    const id = this.currentId;
    if (!id) return undefined;
    await this.store.removeLeftovers();
    return this.store.load(id);
  }
}
