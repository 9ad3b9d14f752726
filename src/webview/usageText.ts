// The words and numbers of the usage line, the context meter and the compaction note. Pure.
import type { Compaction } from '../agent/events';
import type { MeterView } from '../protocol/messages';

type Context = NonNullable<MeterView['context']>;

/** 950, 12.3k, 128k, 1.05M: short enough for a narrow sidebar. */
export function shortTokens(tokens: number): string {
  if (tokens < 1000) return String(tokens);
  if (tokens < 1_000_000) return `${trim(tokens / 1000, tokens < 100_000 ? 1 : 0)}k`;
  return `${trim(tokens / 1_000_000, 2)}M`;
}

/** "12.3k / 128k" with the share of the window used, 0..1 (more than 1 when past it). */
export function meterLabel(context: Context): { text: string; share: number } {
  return { text: `${shortTokens(context.total)} / ${shortTokens(context.window)}`, share: context.total / context.window };
}

/** The parts of the next request, largest meaning first, as the meter's panel lists them; MCP's once it costs anything. */
export function breakdownRows(context: Context, attached = 0, images = 0): Array<{ label: string; tokens: number }> {
  const mcp = context.mcpToolSpecs > 0 || context.mcpToolResults > 0;
  return [
    { label: 'System prompt', tokens: context.systemPrompt },
    { label: 'Tool specs', tokens: context.toolSpecs },
    ...(mcp ? [{ label: 'MCP tool specs', tokens: context.mcpToolSpecs }] : []),
    { label: 'Rules', tokens: context.rules },
    { label: 'History', tokens: context.history },
    { label: 'Tool results', tokens: context.toolResults },
    ...(mcp ? [{ label: 'MCP tool results', tokens: context.mcpToolResults }] : []),
    ...(attached > 0 ? [{ label: 'Attached, not sent yet', tokens: attached }] : []),
    ...(images > 0 ? [{ label: 'Images, not sent yet', tokens: images }] : []),
  ];
}

/** What a compaction did, in a sentence for the chat. */
export function compactionNote(compaction: Compaction): string {
  const number = (n: number) => n.toLocaleString('en-US');
  const what =
    compaction.kind === 'summary'
      ? `${compaction.summarisedMessages} earlier message${compaction.summarisedMessages === 1 ? ' was' : 's were'} replaced by a summary`
      : `${compaction.trimmedResults} large old tool result${compaction.trimmedResults === 1 ? ' was' : 's were'} left out (Ouro can read ${compaction.trimmedResults === 1 ? 'it' : 'them'} again)`;
  const fallback = compaction.summaryError ? ` The model's summary failed (${compaction.summaryError}), so a plain list of what was left out stands in.` : '';
  return `Compacted the conversation: ${what}; the next request holds ${number(compaction.tokensAfter)} tokens instead of ${number(compaction.tokensBefore)} (window ${number(compaction.window)}).${fallback}`;
}

function trim(value: number, digits: number): string {
  return value.toFixed(digits).replace(/\.0+$/, '');
}
