// Where the tokens of a request go, for the context meter: the system prompt, the project rules
// inside it, the tool specs, the conversation's messages and the tool results; what the MCP
// servers' tools cost (their specs, or the loader listing them, and their results) on its own.
import type { Message } from '../conversation';
import { isMcpToolName } from '../mcp/mcpToolNames';
import type { ToolSpec } from '../model';
import type { RequestMeter } from './requestSize';
import type { TokenCounter } from './tokenCounter';

export interface ContextBreakdown {
  /** The system prompt without the project rules. */
  systemPrompt: number;
  /** The project rules (AGENTS.md and the like) appended to the system prompt. */
  rules: number;
  /** The built-in tools' specs (and the agent's own tools'). */
  toolSpecs: number;
  /** The specs of the MCP tools sent whole and of the loaders that list the deferred ones. */
  mcpToolSpecs: number;
  /** User and assistant messages, the summary of a compaction among them, and the framing. */
  history: number;
  /** The results of the built-in tools. */
  toolResults: number;
  /** The results of MCP tools (and of their loaders). */
  mcpToolResults: number;
  total: number;
}

/** `view` is the request as sent (requestView); `rules` the text the system prompt was built with. */
export function contextBreakdown(view: readonly Message[], tools: readonly ToolSpec[], meter: RequestMeter, counter: TokenCounter, rules?: string): ContextBreakdown {
  let system = 0;
  let toolResults = 0;
  let mcpToolResults = 0;
  let rulesTokens = 0;
  for (const message of view) {
    if (message.role === 'system') {
      system += meter.message(message);
      if (rules?.trim() && message.content.includes(rules.trim())) rulesTokens += counter.count(rules.trim());
    } else if (message.role === 'tool') {
      if (isMcpToolName(message.name)) mcpToolResults += meter.message(message);
      else toolResults += meter.message(message);
    }
  }
  const total = meter.request(view, tools);
  const allSpecs = meter.toolSpecs(tools);
  // The built-in specs measured alone; MCP's share is what adding its specs costs, so the parts add up.
  const builtIn = tools.filter((tool) => !isMcpToolName(tool.name));
  const toolSpecs = builtIn.length === tools.length ? allSpecs : meter.toolSpecs(builtIn);
  const mcpToolSpecs = allSpecs - toolSpecs;
  return {
    systemPrompt: system - rulesTokens,
    rules: rulesTokens,
    toolSpecs,
    mcpToolSpecs,
    history: total - system - allSpecs - toolResults - mcpToolResults,
    toolResults,
    mcpToolResults,
    total,
  };
}
