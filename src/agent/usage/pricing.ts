// What tokens cost, per million, for common models (list prices, late 2025), overridable by the
// `ouro.pricing` setting. A model missing here has no known price: the chat shows tokens only,
// never a guessed cost. Local models (Ollama, LM Studio) are free and stay out of the table.
import type { Usage } from '../events';
import { lookupModel, type ModelRow } from '../context/modelTable';

/** US dollars per million tokens. `cachedInput` defaults to `input` (no cache discount). */
export interface ModelPrice {
  input: number;
  cachedInput?: number;
  output: number;
}

const price = (input: number, cachedInput: number, output: number): ModelPrice => ({ input, cachedInput, output });

export const DEFAULT_PRICES: readonly ModelRow<ModelPrice>[] = [
  [/^gpt-4\.1-nano/, price(0.1, 0.025, 0.4)],
  [/^gpt-4\.1-mini/, price(0.4, 0.1, 1.6)],
  [/^gpt-4\.1/, price(2, 0.5, 8)],
  [/^gpt-4o-mini/, price(0.15, 0.075, 0.6)],
  [/^gpt-4o/, price(2.5, 1.25, 10)],
  [/^gpt-5(\.\d)?-nano/, price(0.05, 0.005, 0.4)],
  [/^gpt-5(\.\d)?-mini/, price(0.25, 0.025, 2)],
  [/^gpt-5/, price(1.25, 0.125, 10)],
  [/^o4-mini/, price(1.1, 0.275, 4.4)],
  [/^o3-mini|^o1-mini/, price(1.1, 0.55, 4.4)],
  [/^o3/, price(2, 0.5, 8)],
  [/^o1/, price(15, 7.5, 60)],
  [/claude-(opus-4[.-]5|4[.-]5-opus)/, price(5, 0.5, 25)],
  [/claude-.*opus/, price(15, 1.5, 75)],
  [/claude-.*sonnet/, price(3, 0.3, 15)],
  [/claude-(haiku-4[.-]5|4[.-]5-haiku)/, price(1, 0.1, 5)],
  [/claude-3[.-]5-haiku/, price(0.8, 0.08, 4)],
  [/claude-3-haiku/, price(0.25, 0.03, 1.25)],
  [/^gemini-2\.5-pro/, price(1.25, 0.125, 10)],
  [/^gemini-2\.5-flash-lite/, price(0.1, 0.01, 0.4)],
  [/^gemini-2\.5-flash/, price(0.3, 0.03, 2.5)],
  [/^gemini-2\.0-flash/, price(0.1, 0.025, 0.4)],
  [/^deepseek-(chat|reasoner)/, price(0.28, 0.028, 0.42)],
  [/^codestral/, price(0.3, 0.3, 0.9)],
  [/^devstral-small|^mistral-small/, price(0.1, 0.1, 0.3)],
  [/^mistral-medium/, price(0.4, 0.4, 2)],
  [/^mistral-large/, price(2, 2, 6)],
];

export function priceFor(model: string, overrides: Readonly<Record<string, ModelPrice>> = {}): ModelPrice | undefined {
  return lookupModel(DEFAULT_PRICES, model, overrides);
}

/** Dollars for one request. Cached tokens are part of the prompt tokens, billed at the cached rate. */
export function costOf(usage: Usage, price: ModelPrice): number {
  const cached = Math.min(usage.cachedTokens ?? 0, usage.promptTokens);
  const fresh = usage.promptTokens - cached;
  return (fresh * price.input + cached * (price.cachedInput ?? price.input) + usage.completionTokens * price.output) / 1_000_000;
}
