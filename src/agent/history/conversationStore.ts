// The conversation history: one file per conversation in a folder reached through the storage
// port, and an index of their summaries for the list. Every save is atomic (a temp file, then a
// rename over the old one), so a crash leaves the previous save or the new one, never half of
// either. Loading repairs a conversation that was saved mid-step so that it can go on.
import { randomUUID } from 'node:crypto';
import { emptyContextState } from '../context/requestView';
import { conversationToMarkdown } from './conversationMarkdown';
import { CONVERSATION_ID, ConversationFileError, parseConversation, serializeConversation } from './conversationFile';
import { titleFor, type ConversationRecord } from './conversationRecord';
import { HistoryIndex, INDEX_FILE, type ConversationSummary } from './historyIndex';
import { writeAtomically, type HistoryStorage } from './historyStorage';
import { repairConversation } from './repairConversation';
import { imageFilesOf, loadImages, saveImages } from './savedImages';

export type { ConversationSummary };

export interface LoadedConversation {
  conversation: ConversationRecord;
  /** What loading had to repair (empty when it was saved between steps). */
  repairs: string[];
}

export interface SearchHit extends ConversationSummary {
  /** Where the text occurs: the message index (-1 for the title) and the words around it. */
  matches: Array<{ messageIndex: number; snippet: string }>;
}

const SUFFIX = '.json';
const MATCHES_PER_CONVERSATION = 5;

export class ConversationStore {
  private readonly index: HistoryIndex;

  constructor(private readonly storage: HistoryStorage) {
    this.index = new HistoryIndex(storage);
  }

  async save(conversation: ConversationRecord): Promise<void> {
    await saveImages(this.storage, conversation);
    await writeAtomically(this.storage, fileName(conversation.id), serializeConversation(conversation, { imagesBeside: true }));
    await this.index.put(summarise(conversation));
  }

  /** The conversation, repaired if it was saved mid-step; undefined when there is none with this id. */
  async load(id: string): Promise<LoadedConversation | undefined> {
    const text = await this.storage.read(fileName(id));
    if (text === undefined) return undefined;
    const loaded = loadConversation(text);
    const repairs = await loadImages(this.storage, loaded.conversation);
    return { ...loaded, repairs: [...loaded.repairs, ...repairs] };
  }

  /** Newest first, from the index (a conversation file it does not know is read once). Damaged files are left out. */
  async list(): Promise<ConversationSummary[]> {
    const ids = (await this.names()).map((name) => name.slice(0, -SUFFIX.length));
    const summaries = await this.index.reconcile(ids, async (id) => {
      const text = await this.storage.read(fileName(id));
      return text === undefined ? undefined : parsed(text, summarise);
    });
    return summaries.sort(newestFirst);
  }

  async rename(id: string, title: string): Promise<void> {
    const conversation = await this.read(id);
    const trimmed = title.trim();
    await this.save({ ...conversation, title: trimmed || titleFor(conversation.messages), titleSetByUser: Boolean(trimmed) });
  }

  async delete(id: string): Promise<void> {
    await this.storage.delete(fileName(id));
    for (const image of imageFilesOf(id, await this.storage.list())) await this.storage.delete(image);
    await this.index.remove(id);
  }

  /** Conversations whose title, messages or tool calls contain `query` (case-insensitively), newest first. */
  async search(query: string): Promise<SearchHit[]> {
    const needle = query.trim().toLowerCase();
    if (!needle) return [];
    const hits: SearchHit[] = [];
    for (const { summary, conversation } of await this.all()) {
      const matches = findText(conversation, needle);
      if (matches.length) hits.push({ ...summary, matches });
    }
    return hits;
  }

  /** The saved file itself: JSON that `importJson` (here or on another machine) takes back. */
  async exportJson(id: string): Promise<string> {
    return serializeConversation(await this.read(id));
  }

  async exportMarkdown(id: string): Promise<string> {
    return conversationToMarkdown(await this.read(id));
  }

  /** Saves an exported conversation under a new id (so it never replaces one) and returns it. */
  async importJson(text: string): Promise<ConversationRecord> {
    const { conversation } = loadConversation(text);
    await loadImages(this.storage, conversation);
    const imported = { ...conversation, id: randomUUID() };
    await this.save(imported);
    return imported;
  }

  /** Removes temp files a crash left between a write and its rename. */
  async removeLeftovers(): Promise<void> {
    for (const name of await this.storage.list()) if (name.startsWith('.') && name.endsWith('.tmp')) await this.storage.delete(name);
  }

  private async read(id: string): Promise<ConversationRecord> {
    const loaded = await this.load(id);
    if (!loaded) throw new ConversationFileError(`there is no conversation ${id}`);
    return loaded.conversation;
  }

  private async names(): Promise<string[]> {
    return (await this.storage.list()).filter((name) => name.endsWith(SUFFIX) && name !== INDEX_FILE && CONVERSATION_ID.test(name.slice(0, -SUFFIX.length)));
  }

  /** Every conversation, read in full (search needs their text). */
  private async all(): Promise<Array<{ summary: ConversationSummary; conversation: ConversationRecord }>> {
    const found: Array<{ summary: ConversationSummary; conversation: ConversationRecord }> = [];
    for (const name of await this.names()) {
      const text = await this.storage.read(name);
      const conversation = text === undefined ? undefined : parsed(text, (record) => record);
      if (conversation) found.push({ summary: summarise(conversation), conversation });
    }
    return found.sort((a, b) => newestFirst(a.summary, b.summary));
  }
}

/** `pick` of the parsed conversation; undefined for a damaged or foreign file, which is not listed. */
function parsed<T>(text: string, pick: (conversation: ConversationRecord) => T): T | undefined {
  try {
    return pick(parseConversation(text));
  } catch {
    return undefined;
  }
}

function newestFirst(a: ConversationSummary, b: ConversationSummary): number {
  return b.updatedAt.localeCompare(a.updatedAt);
}

/** Parses and repairs a saved conversation; throws ConversationFileError when it cannot be read. */
export function loadConversation(text: string): LoadedConversation {
  const saved = parseConversation(text);
  const { messages, repairs, unchangedUpTo } = repairConversation(saved.messages, saved.draft);
  const { draft: _draft, ...conversation } = saved;
  // A repair inside the history moved messages: a summary's cut no longer points where it did.
  const context = saved.context.summary && saved.context.summary.through > unchangedUpTo ? emptyContextState() : saved.context;
  return { conversation: { ...conversation, messages, context }, repairs };
}

function fileName(id: string): string {
  if (!CONVERSATION_ID.test(id)) throw new ConversationFileError(`"${id}" is not a conversation id`);
  return `${id}${SUFFIX}`;
}

function summarise(conversation: ConversationRecord): ConversationSummary {
  const { id, title, createdAt, updatedAt, model, usage } = conversation;
  return { id, title, createdAt, updatedAt, ...(model ? { model } : {}), messageCount: conversation.messages.length, usage };
}

function findText(conversation: ConversationRecord, needle: string): SearchHit['matches'] {
  const matches: SearchHit['matches'] = [];
  const look = (messageIndex: number, text: string) => {
    const at = text.toLowerCase().indexOf(needle);
    if (at >= 0 && matches.length < MATCHES_PER_CONVERSATION) matches.push({ messageIndex, snippet: snippet(text, at, needle.length) });
  };
  look(-1, conversation.title);
  conversation.messages.forEach((message, index) => {
    if (message.role === 'user' || message.role === 'assistant') look(index, message.content);
    if (message.role === 'assistant') for (const call of message.toolCalls ?? []) look(index, `${call.name} ${call.arguments}`);
  });
  return matches;
}

function snippet(text: string, at: number, length: number): string {
  const start = Math.max(0, at - 40);
  const end = Math.min(text.length, at + length + 40);
  return `${start > 0 ? '…' : ''}${text.slice(start, end).replace(/\s+/g, ' ')}${end < text.length ? '…' : ''}`;
}
