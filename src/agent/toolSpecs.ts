// The tools as the model sees them: JSON schema generated from each tool's zod schema, trimmed
// of what costs tokens and tells the model nothing (every request pays for these).
import * as z from 'zod';
import type { ToolSpec } from './model';
import type { Tool } from './tools/tool';

export function toolSpecs(tools: readonly Tool[]): ToolSpec[] {
  return tools.map((tool) => ({
    name: tool.name,
    description: tool.description,
    // `input`: a field with a default is optional for the model, which is what it sends.
    parameters: compactSchema(z.toJSONSchema(tool.schema, { io: 'input', unrepresentable: 'any' })) as Record<string, unknown>,
  }));
}

/** The specs in the chat-completions `tools` form: what goes on the wire, and what the meter counts. */
export function functionTools(tools: readonly ToolSpec[]): { type: 'function'; function: ToolSpec }[] {
  return tools.map((tool) => ({ type: 'function', function: { name: tool.name, description: tool.description, parameters: tool.parameters } }));
}

const SAFE_INTEGER_BOUNDS = new Set([Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]);

/** Drops `$schema` and the safe-integer bounds zod adds to every `.int()`. */
export function compactSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(compactSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$schema') continue;
    if ((key === 'minimum' || key === 'maximum') && SAFE_INTEGER_BOUNDS.has(value as number)) continue;
    out[key] = compactSchema(value);
  }
  return out;
}
