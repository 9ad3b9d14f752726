// The endpoint's model list, asked for once and kept for a while: opening the picker again shows
// it at once; Refresh asks again. Two askers at the same time share one request.
import { listModels, type ListOptions, type ModelListing } from './modelList';

interface Entry {
  at: number;
  listing: Promise<ModelListing>;
}

export class ModelCatalog {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly list: (options: ListOptions) => Promise<ModelListing> = listModels,
    private readonly maxAgeMs = 10 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The listing for this endpoint and key; `refresh` asks the server again. */
  get(options: ListOptions, refresh = false): Promise<ModelListing> {
    const key = keyOf(options);
    const cached = this.entries.get(key);
    if (cached && !refresh && this.now() - cached.at < this.maxAgeMs) return cached.listing;
    const listing = this.list(options).catch((error: unknown): ModelListing => ({ kind: 'unreachable', message: error instanceof Error ? error.message : String(error) }));
    const entry = { at: this.now(), listing };
    this.entries.set(key, entry);
    // A failure is shown once, not kept: the next look asks again.
    void listing.then((result) => {
      if (result.kind !== 'listed' && this.entries.get(key) === entry) this.entries.delete(key);
    });
    return listing;
  }

  /** Keeps a listing learnt elsewhere (Test connection reads the same list). */
  remember(options: ListOptions, listing: ModelListing): void {
    if (listing.kind === 'listed') this.entries.set(keyOf(options), { at: this.now(), listing: Promise.resolve(listing) });
  }
}

// The key is part of the cache key: another key may see other models. It stays in memory only.
function keyOf(options: ListOptions): string {
  return `${options.baseURL}\n${options.apiKey ?? ''}`;
}
