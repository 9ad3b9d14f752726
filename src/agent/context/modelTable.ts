// Tables keyed by model name (window sizes, prices). Names arrive in many spellings for the same
// model: "gpt-4o-2024-08-06", "openai/gpt-4o" (OpenRouter), "qwen2.5-coder:7b" (Ollama tags),
// "anthropic/claude-3.7-sonnet:thinking". One normalisation and one lookup serve every table.

/** A table row: a pattern over the normalised name and its value; the first match wins. */
export type ModelRow<T> = readonly [pattern: RegExp, value: T];

/** Lower case, without the provider prefix ("openai/") or a trailing tag (":7b", ":free"). */
export function normaliseModelName(model: string): string {
  const name = model.trim().toLowerCase();
  const last = name.slice(name.lastIndexOf('/') + 1);
  const colon = last.indexOf(':');
  return colon > 0 ? last.slice(0, colon) : last;
}

/**
 * The value for `model`: an override given for its exact name, else the override with the
 * longest key the normalised name starts with, else the first table row that matches.
 */
export function lookupModel<T>(table: readonly ModelRow<T>[], model: string, overrides: Readonly<Record<string, T>> = {}): T | undefined {
  const exact = Object.keys(overrides).find((key) => key.toLowerCase() === model.trim().toLowerCase());
  if (exact !== undefined) return overrides[exact];
  const name = normaliseModelName(model);
  let best: string | undefined;
  for (const key of Object.keys(overrides)) {
    const prefix = normaliseModelName(key);
    if (prefix && name.startsWith(prefix) && (best === undefined || prefix.length > normaliseModelName(best).length)) best = key;
  }
  if (best !== undefined) return overrides[best];
  return table.find(([pattern]) => pattern.test(name))?.[1];
}
