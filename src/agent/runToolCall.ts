// Runs one tool call the model asked for. Nothing here throws: an unknown tool, arguments that
// are not JSON or fail the schema, and a tool that fails all become error results that tell the
// model what to fix.
import type { ToolCall } from './conversation';
import { describeIssues } from './schemaIssues';
import { findTool } from './tools/index';
import type { Tool, ToolContext, ToolResult } from './tools/tool';
import { failure } from './tools/toolFailure';
import { WorkspaceError } from './workspace/workspace';

export async function runToolCall(call: ToolCall, tools: readonly Tool[], ctx: ToolContext): Promise<ToolResult> {
  const tool = findTool(tools, call.name);
  if (!tool) {
    const known = tools.map((candidate) => candidate.name).join(', ');
    return failure(`There is no tool named "${call.name}". The tools are: ${known}.`);
  }
  const parsed = parseArguments(call.arguments);
  if (!parsed.ok) return failure(`The arguments for ${call.name} are not a JSON object (${parsed.error}). Call it again with valid JSON.`);
  const checked = tool.schema.safeParse(parsed.value);
  if (!checked.success) return failure(`Invalid arguments for ${call.name}: ${describeIssues(checked.error.issues)}. Fix them and call it again.`);
  try {
    const result = await tool.run(checked.data, ctx);
    return { content: result.content || '(no output)', ...(result.isError ? { isError: true } : {}) };
  } catch (err) {
    if (err instanceof WorkspaceError) return failure(err.message);
    return failure(`${call.name} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

type Parsed = { ok: true; value: Record<string, unknown> } | { ok: false; error: string };

export function parseArguments(text: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(text.trim() === '' ? '{}' : text);
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
  value = unwrapDoubleEncoded(value);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, error: `got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}` };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

/** Some models (small Qwen and Llama builds) send the arguments object as a JSON string inside JSON. */
function unwrapDoubleEncoded(value: unknown): unknown {
  if (typeof value !== 'string' || !value.trim().startsWith('{')) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
