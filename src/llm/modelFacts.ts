// What the model picker says about a model: its context window, its price and its tool mode,
// each from the most specific source there is — the user's per-model settings, then what the
// server lists, then the tables of common models. Pure, so the precedence is tested as a table.
import { CONTEXT_WINDOWS } from '../agent/context/contextWindows';
import { lookupModel } from '../agent/context/modelTable';
import { DEFAULT_PRICES, type ModelPrice } from '../agent/usage/pricing';
import type { ListedModel } from './modelList';
import { readToolModes, type ToolMode } from './toolMode';

export interface PerModelSettings {
  contextWindow?: Readonly<Record<string, number>>;
  pricing?: Readonly<Record<string, ModelPrice>>;
  toolMode?: Readonly<Record<string, ToolMode>>;
}

export interface ModelFacts {
  contextWindow?: number;
  price?: ModelPrice;
  /** undefined: the default, native calls with text-embedded ones recognised too. */
  toolMode?: ToolMode;
}

/** The valid entries of the three settings as found (a hand-edited settings.json may hold anything). */
export function readPerModelSettings(raw: { contextWindow?: unknown; pricing?: unknown; toolMode?: unknown }): PerModelSettings {
  const entries = (value: unknown) => (value && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value) : []);
  const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0;
  const isDollars = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;
  const contextWindow = Object.fromEntries(entries(raw.contextWindow).filter(([, value]) => isCount(value)));
  const pricing: Record<string, ModelPrice> = {};
  for (const [model, value] of entries(raw.pricing)) {
    const price = value as Record<string, unknown>;
    if (!price || !isDollars(price.input) || !isDollars(price.output)) continue;
    pricing[model] = { input: price.input, output: price.output, ...(isDollars(price.cachedInput) ? { cachedInput: price.cachedInput } : {}) };
  }
  return { contextWindow, pricing, toolMode: readToolModes(raw.toolMode) };
}

export function modelFacts(id: string, listed: ListedModel | undefined, settings: PerModelSettings): ModelFacts {
  const exactOverride = <T>(table: Readonly<Record<string, T>> | undefined) => (table ? lookupModel<T>([], id, table) : undefined);
  const contextWindow = exactOverride(settings.contextWindow) ?? listed?.contextWindow ?? lookupModel(CONTEXT_WINDOWS, id);
  const price = exactOverride(settings.pricing) ?? listed?.price ?? lookupModel(DEFAULT_PRICES, id);
  const toolMode = settings.toolMode?.[id];
  return { ...(contextWindow ? { contextWindow } : {}), ...(price ? { price } : {}), ...(toolMode ? { toolMode } : {}) };
}

/** One line: "128k context · $0.40 / $1.60 per 1M tokens · tools: text". */
export function describeFacts(facts: ModelFacts): string {
  const parts: string[] = [];
  if (facts.contextWindow) parts.push(`${tokens(facts.contextWindow)} context`);
  if (facts.price) parts.push(facts.price.input === 0 && facts.price.output === 0 ? 'free' : `${dollars(facts.price.input)} in / ${dollars(facts.price.output)} out per 1M`);
  parts.push(`tools: ${facts.toolMode ?? 'auto'}`);
  return parts.join(' · ');
}

function tokens(n: number): string {
  if (n >= 1_000_000) return `${trim(n / 1_000_000)}M`;
  return `${Math.round(n / 1000)}k`;
}

function trim(n: number): string {
  return n.toFixed(2).replace(/\.?0+$/, '');
}

function dollars(n: number): string {
  return `$${n > 0 && n < 0.01 ? Number(n.toPrecision(2)) : n.toFixed(2)}`;
}
