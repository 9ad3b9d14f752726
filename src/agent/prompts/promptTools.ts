// A prompt file's `tools:` list: only the tools it names are offered for its message (on top of
// what the mode allows). Names it gives that no tool has are ignored.
import type { ToolSource } from '../toolSource';
import type { Tool } from '../tools/tool';

export function namedToolSource(names: readonly string[], source: ToolSource): ToolSource {
  const wanted = new Set(names);
  let last: { from: readonly Tool[]; tools: Tool[] } | undefined;
  return async (signal) => {
    const set = await source(signal);
    if (last?.from !== set.tools) last = { from: set.tools, tools: set.tools.filter((tool) => wanted.has(tool.name)) };
    return { ...set, tools: last.tools };
  };
}
