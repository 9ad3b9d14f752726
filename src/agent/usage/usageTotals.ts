// Usage added up per turn and per conversation, from the loop's `usage` events (and the
// summarisation requests a compaction makes), with the cost where the model's price is known.
import type { AgentEvent, Usage } from '../events';
import { costOf, type ModelPrice } from './pricing';

export interface UsageTotals {
  requests: number;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  /** Dollars for the requests whose price was known. */
  cost: number;
  /** Requests made without a known price: when non-zero, `cost` is a lower bound. */
  unpricedRequests: number;
}

export function emptyTotals(): UsageTotals {
  return { requests: 0, promptTokens: 0, completionTokens: 0, cachedTokens: 0, cost: 0, unpricedRequests: 0 };
}

export function addUsage(totals: UsageTotals, usage: Usage, price: ModelPrice | undefined): UsageTotals {
  return {
    requests: totals.requests + 1,
    promptTokens: totals.promptTokens + usage.promptTokens,
    completionTokens: totals.completionTokens + usage.completionTokens,
    cachedTokens: totals.cachedTokens + (usage.cachedTokens ?? 0),
    cost: totals.cost + (price ? costOf(usage, price) : 0),
    unpricedRequests: totals.unpricedRequests + (price ? 0 : 1),
  };
}

/** The usage an event reports, if any: a model reply's, or a compaction's summarisation requests'. */
export function usageOf(event: AgentEvent): Usage | undefined {
  if (event.type === 'usage') return event.usage;
  if (event.type === 'compacted') return event.compaction.usage;
  return undefined;
}

/** "12,345 in (10,000 cached) · 678 out · $0.0123" — cost left out when no price is known. */
export function formatUsage(totals: UsageTotals): string {
  const number = (n: number) => n.toLocaleString('en-US');
  const cached = totals.cachedTokens ? ` (${number(totals.cachedTokens)} cached)` : '';
  const priced = totals.requests > totals.unpricedRequests;
  const cost = priced ? ` · ${totals.unpricedRequests ? '≥ ' : ''}$${totals.cost.toFixed(totals.cost < 1 ? 4 : 2)}` : '';
  return `${number(totals.promptTokens)} in${cached} · ${number(totals.completionTokens)} out${cost}`;
}
