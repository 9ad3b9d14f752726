// How many tokens a request to each model may hold. The table covers common models by family;
// the `ouro.contextWindow` setting (the CLI's --context-window) overrides it per model.
import { lookupModel, type ModelRow } from './modelTable';

/** For a model the table does not know: small enough for most local servers' defaults to be near. */
export const DEFAULT_CONTEXT_WINDOW = 32_768;

// Input limits, not input+output: gpt-5 takes 400k in all but at most 272k of it as input.
// Local servers (Ollama, LM Studio) may be configured smaller than the model can do: override.
export const CONTEXT_WINDOWS: readonly ModelRow<number>[] = [
  [/^gpt-4\.1/, 1_047_576],
  [/^gpt-5-chat/, 128_000],
  [/^gpt-5/, 272_000],
  [/^gpt-4o/, 128_000],
  [/^gpt-4-(turbo|\d{4}-preview|1106)/, 128_000],
  [/^gpt-4-32k/, 32_768],
  [/^gpt-4/, 8_192],
  [/^gpt-3\.5-turbo/, 16_385],
  [/^gpt-oss/, 131_072],
  [/^o1-mini/, 128_000],
  [/^(o[1-9]|codex-mini)/, 200_000],
  [/claude/, 200_000],
  [/^gemini-1\.5-pro/, 2_097_152],
  [/^gemini/, 1_048_576],
  [/deepseek/, 128_000],
  [/codestral/, 256_000],
  [/^(mistral|ministral|devstral|magistral|pixtral|open-mistral)/, 128_000],
  [/^mixtral/, 32_768],
  [/^qwen3-coder/, 262_144],
  [/^(qwen|qwq)/, 32_768],
  [/llama-?4/, 1_048_576],
  [/llama-?3\.[1-3]/, 131_072],
  [/llama-?3/, 8_192],
  [/llama/, 4_096],
];

/**
 * The user's override first, then what the model reports of itself (VS Code's language models
 * give their `maxInputTokens`), then the table.
 */
export function contextWindowFor(model: string, overrides: Readonly<Record<string, number>> = {}, reported?: number): number {
  const own = reported !== undefined && reported > 0 ? reported : undefined;
  return lookupModel([], model, overrides) ?? own ?? lookupModel(CONTEXT_WINDOWS, model) ?? DEFAULT_CONTEXT_WINDOW;
}
