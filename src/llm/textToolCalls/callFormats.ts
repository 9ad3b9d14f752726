// The ways models write a tool call as text instead of a structured call, what each looks like,
// where it ends, and the calls it holds. Pure.
//
// - Hermes / Qwen 2.5+ / many fine-tunes: `<tool_call>{"name": .., "arguments": {..}}</tool_call>`
//   (small models often stop before the closing tag, which their template treats as the end).
// - Mistral: `[TOOL_CALLS] [{"name": .., "arguments": {..}}]`, and since v11 templates
//   `[TOOL_CALLS]name[ARGS]{..}` (optionally `[CALL_ID]id` before `[ARGS]`).
// - Llama 3.1+ custom tools: `<function=name>{..}</function>`.
// - Llama 3.x JSON tool calling: `<|python_tag|>{"name": .., "parameters": {..}}` up to
//   `<|eom_id|>`, several separated by `;`.
// - Any model: a reply that is nothing but the call, as JSON or in a ```json fence.
import { jsonValueEnd, parseJsonValues } from './jsonValues';

export interface TextCall {
  name: string;
  /** The arguments as JSON text; may be broken, in which case running the call reports it. */
  arguments: string;
}

export type TagFormat = 'hermes' | 'mistral' | 'llama' | 'pythonTag';

export const OPENERS: ReadonlyArray<{ tag: string; format: TagFormat }> = [
  { tag: '<tool_call>', format: 'hermes' },
  { tag: '[TOOL_CALLS]', format: 'mistral' },
  { tag: '<function=', format: 'llama' },
  { tag: '<|python_tag|>', format: 'pythonTag' },
];

const CLOSE_HERMES = '</tool_call>';
const CLOSE_LLAMA = '</function>';
const LLAMA_ENDS = ['<|eom_id|>', '<|eot_id|>'];

/** The first opener at or after `from`, if any. */
export function findOpener(text: string, from = 0): { at: number; format: TagFormat } | undefined {
  let found: { at: number; format: TagFormat } | undefined;
  for (const { tag, format } of OPENERS) {
    const at = text.indexOf(tag, from);
    if (at >= 0 && (!found || at < found.at)) found = { at, format };
  }
  return found;
}

/** How much of the end of `text` could be the start of an opener (held back until it is known). */
export function partialOpenerLength(text: string): number {
  let longest = 0;
  for (const { tag } of OPENERS) {
    for (let n = Math.min(tag.length - 1, text.length); n > longest; n--) {
      if (text.endsWith(tag.slice(0, n))) {
        longest = n;
        break;
      }
    }
  }
  return longest;
}

/**
 * Where a block that starts with its opener at 0 of `text` ends: its closing tag, the end of its
 * JSON, the next opener (a model that leaves out closing tags between calls), or, once the stream
 * has ended (`final`), the end of the text. Undefined while that is not known yet.
 */
export function blockEnd(format: TagFormat, text: string, final: boolean): number | undefined {
  const open = openerOf(format).length;
  const next = findOpener(text, open)?.at;
  const orEnd = (at: number | undefined) => at ?? next ?? (final ? text.length : undefined);
  switch (format) {
    case 'hermes':
      return orEnd(closeBefore(text, CLOSE_HERMES, open, next));
    case 'llama':
      return orEnd(closeBefore(text, CLOSE_LLAMA, open, next));
    case 'pythonTag': {
      const ends = LLAMA_ENDS.map((end) => closeBefore(text, end, open, next)).filter((at): at is number => at !== undefined);
      return orEnd(ends.length ? Math.min(...ends) : undefined);
    }
    case 'mistral': {
      const start = mistralJsonStart(text, open);
      return orEnd(start === undefined ? undefined : jsonValueEnd(text, start));
    }
  }
}

/**
 * The calls in one block (opener included), or undefined when it is not a call to an offered
 * tool (then it is shown as it is). Broken JSON naming an offered tool is still a call: running
 * it tells the model what to fix.
 */
export function parseBlock(format: TagFormat, block: string, offered: ReadonlySet<string>): TextCall[] | undefined {
  const body = block.slice(openerOf(format).length);
  switch (format) {
    case 'hermes':
      return callsInJson(stripEnd(body, [CLOSE_HERMES]), offered, true);
    case 'pythonTag':
      return callsInJson(stripEnd(body, LLAMA_ENDS), offered, true);
    case 'llama': {
      const match = /^([\w.-]+)>([\s\S]*)$/.exec(stripEnd(body, [CLOSE_LLAMA]));
      if (!match || !offered.has(match[1])) return undefined;
      return [{ name: match[1], arguments: match[2].trim() || '{}' }];
    }
    case 'mistral': {
      const trimmed = body.trim();
      if (trimmed.startsWith('[') || trimmed.startsWith('{')) return callsInJson(trimmed, offered, true);
      const match = /^([\w.-]+)(?:\[CALL_ID\][^[]*)?\[ARGS\]([\s\S]*)$/.exec(trimmed);
      if (!match || !offered.has(match[1])) return undefined;
      return [{ name: match[1], arguments: match[2].trim() || '{}' }];
    }
  }
}

/** The calls in a reply that is nothing but JSON or a fenced JSON block; undefined if it is anything else. */
export function parseWholeReplyCall(body: string, offered: ReadonlySet<string>): TextCall[] | undefined {
  return callsInJson(body.trim(), offered, false);
}

/**
 * `{"name": .., "arguments": ..}` and the other shapes models use: `parameters`, `args` or
 * `input` for the arguments, `tool` or `tool_name` for the name, OpenAI's own
 * `{"function": {"name", "arguments"}}`, or `{"tool": "x", ...the arguments}` flat.
 */
export function readCall(value: unknown): TextCall | undefined {
  if (!isObject(value)) return undefined;
  if (isObject(value.function) && typeof value.function.name === 'string') {
    return { name: value.function.name, arguments: argumentsText(value.function.arguments ?? value.function.parameters) };
  }
  const nameKey = ['name', 'tool', 'tool_name', 'function'].find((key) => typeof value[key] === 'string');
  if (!nameKey) return undefined;
  const argsKey = ['arguments', 'parameters', 'args', 'input', 'tool_input'].find((key) => key in value);
  const args = argsKey ? value[argsKey] : Object.fromEntries(Object.entries(value).filter(([key]) => key !== nameKey && key !== 'type' && key !== 'id'));
  return { name: value[nameKey] as string, arguments: argumentsText(args) };
}

function callsInJson(text: string, offered: ReadonlySet<string>, tagged: boolean): TextCall[] | undefined {
  const values = parseJsonValues(text);
  if (!values) return tagged ? brokenCall(text, offered) : undefined;
  const calls = values.flatMap((value) => (Array.isArray(value) ? value : [value])).map(readCall);
  if (calls.length === 0 || calls.some((call) => !call || !offered.has(call.name))) return undefined;
  return calls as TextCall[];
}

/** A tagged call whose JSON does not parse: still a call if it names an offered tool. */
function brokenCall(text: string, offered: ReadonlySet<string>): TextCall[] | undefined {
  const name = /"(?:name|tool|tool_name)"\s*:\s*"([^"]+)"/.exec(text)?.[1];
  return name && offered.has(name) ? [{ name, arguments: text }] : undefined;
}

function argumentsText(args: unknown): string {
  if (typeof args === 'string') return args;
  return JSON.stringify(args ?? {});
}

function mistralJsonStart(text: string, from: number): number | undefined {
  let at = from;
  while (at < text.length && /\s/.test(text[at])) at++;
  if (text[at] === '[' || text[at] === '{') return at;
  const args = text.indexOf('[ARGS]', at);
  if (args < 0) return undefined;
  const brace = text.indexOf('{', args);
  return brace < 0 ? undefined : brace;
}

/** The end of `close` if it comes before the next opener. */
function closeBefore(text: string, close: string, from: number, next: number | undefined): number | undefined {
  const at = text.indexOf(close, from);
  return at >= 0 && (next === undefined || at < next) ? at + close.length : undefined;
}

function stripEnd(body: string, ends: readonly string[]): string {
  for (const end of ends) if (body.trimEnd().endsWith(end)) return body.trimEnd().slice(0, -end.length);
  return body;
}

function openerOf(format: TagFormat): string {
  return OPENERS.find((opener) => opener.format === format)!.tag;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return Boolean(value) && typeof value === 'object' && !Array.isArray(value);
}
