// The per-model settings `ouro.contextWindow` and `ouro.pricing`, checked entry by entry: the
// settings editor lets anything through for an object, and one mistyped entry must not take
// the others (or the chat) down with it. Pure.
import type { ModelPrice } from '../../agent/usage/pricing';

/** Model id -> tokens; entries that are not a positive whole number are left out. */
export function contextWindowOverrides(raw: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [model, value] of entries(raw)) {
    if (typeof value === 'number' && Number.isFinite(value) && value >= 1) out[model] = Math.floor(value);
  }
  return out;
}

/** Model id -> dollars per million tokens; an entry needs `input` and `output`, `cachedInput` is optional. */
export function pricingOverrides(raw: unknown): Record<string, ModelPrice> {
  const out: Record<string, ModelPrice> = {};
  for (const [model, value] of entries(raw)) {
    if (!value || typeof value !== 'object') continue;
    const { input, output, cachedInput } = value as Record<string, unknown>;
    if (!isPrice(input) || !isPrice(output)) continue;
    out[model] = { input, output, ...(isPrice(cachedInput) ? { cachedInput } : {}) };
  }
  return out;
}

function isPrice(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function entries(raw: unknown): Array<[string, unknown]> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return [];
  return Object.entries(raw as Record<string, unknown>).filter(([model]) => model.trim() !== '');
}
