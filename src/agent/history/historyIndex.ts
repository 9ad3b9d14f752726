// The history list without reading every conversation: a small index file of summaries, kept
// up to date by the store and checked against the folder on every listing, so a file added,
// removed or damaged behind its back is picked up (read once) or dropped.
import * as z from 'zod';
import type { UsageTotals } from '../usage/usageTotals';
import { writeAtomically, type HistoryStorage } from './historyStorage';

export const INDEX_FILE = 'index.json';

/** A conversation as the history list shows it. */
export interface ConversationSummary {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
  model?: string;
  messageCount: number;
  usage: UsageTotals;
}

const count = z.number().int().nonnegative();
const indexFile = z.object({
  version: z.literal(1),
  conversations: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      createdAt: z.string(),
      updatedAt: z.string(),
      model: z.string().optional(),
      messageCount: count,
      usage: z.object({ requests: count, promptTokens: count, completionTokens: count, cachedTokens: count, cost: z.number(), unpricedRequests: count }),
    }),
  ),
});

export class HistoryIndex {
  private entries?: Promise<Map<string, ConversationSummary>>;
  private writes: Promise<void> = Promise.resolve();

  constructor(private readonly storage: HistoryStorage) {}

  async put(summary: ConversationSummary): Promise<void> {
    (await this.load()).set(summary.id, summary);
    await this.persist();
  }

  async remove(id: string): Promise<void> {
    if ((await this.load()).delete(id)) await this.persist();
  }

  /**
   * The summaries of the conversations whose ids are given (those in the folder now): the ones
   * the index lacks are read with `read`; the ones it has and the folder does not are dropped.
   */
  async reconcile(ids: readonly string[], read: (id: string) => Promise<ConversationSummary | undefined>): Promise<ConversationSummary[]> {
    const entries = await this.load();
    const present = new Set(ids);
    let changed = false;
    for (const id of [...entries.keys()]) if (!present.has(id)) changed = entries.delete(id) || changed;
    for (const id of ids) {
      if (entries.has(id)) continue;
      const summary = await read(id);
      if (summary) {
        entries.set(id, summary);
        changed = true;
      }
    }
    if (changed) await this.persist();
    return [...entries.values()];
  }

  private load(): Promise<Map<string, ConversationSummary>> {
    this.entries ??= this.storage.read(INDEX_FILE).then((text) => {
      const parsed = text === undefined ? undefined : indexFile.safeParse(safeJson(text));
      // A missing or damaged index is rebuilt from the conversations themselves.
      return new Map(parsed?.success ? parsed.data.conversations.map((summary) => [summary.id, summary]) : []);
    });
    return this.entries;
  }

  /** One write at a time, each of the index as it is when it runs. */
  private persist(): Promise<void> {
    this.writes = this.writes
      .catch(() => undefined)
      .then(async () => {
        const conversations = [...(await this.load()).values()];
        await writeAtomically(this.storage, INDEX_FILE, JSON.stringify({ version: 1, conversations }));
      });
    return this.writes;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
