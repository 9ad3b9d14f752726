// Where the tokens of a request go, for the context meter: the system prompt, the project rules
// inside it, the tool specs, the conversation's messages and the tool results.
import type { Message } from '../conversation';
import type { ToolSpec } from '../model';
import type { RequestMeter } from './requestSize';
import type { TokenCounter } from './tokenCounter';

export interface ContextBreakdown {
  /** The system prompt without the project rules. */
  systemPrompt: number;
  /** The project rules (AGENTS.md and the like) appended to the system prompt. */
  rules: number;
  toolSpecs: number;
  /** User and assistant messages, the summary of a compaction among them, and the framing. */
  history: number;
  toolResults: number;
  total: number;
}

/** `view` is the request as sent (requestView); `rules` the text the system prompt was built with. */
export function contextBreakdown(view: readonly Message[], tools: readonly ToolSpec[], meter: RequestMeter, counter: TokenCounter, rules?: string): ContextBreakdown {
  let system = 0;
  let toolResults = 0;
  let rulesTokens = 0;
  for (const message of view) {
    if (message.role === 'system') {
      system += meter.message(message);
      if (rules?.trim() && message.content.includes(rules.trim())) rulesTokens += counter.count(rules.trim());
    } else if (message.role === 'tool') {
      toolResults += meter.message(message);
    }
  }
  const total = meter.request(view, tools);
  const toolSpecs = meter.toolSpecs(tools);
  return {
    systemPrompt: system - rulesTokens,
    rules: rulesTokens,
    toolSpecs,
    history: total - system - toolSpecs - toolResults,
    toolResults,
    total,
  };
}
