// Text tool mode: the request carries no `tools`. The tools are described compactly at the end
// of the system prompt with the exact format to call them in, earlier calls are written back in
// that format, and results go back as user messages, so any chat template understands them.
import type { Message, ToolCall } from '../../agent/conversation';
import type { ToolSpec } from '../../agent/model';

/** The conversation as a model without tool support is sent it. Pure: `messages` is not changed. */
export function toTextToolMessages(messages: readonly Message[], tools: readonly ToolSpec[]): Message[] {
  const out: Message[] = [];
  const guide = tools.length ? describeTools(tools) : '';
  if (guide && messages[0]?.role !== 'system') out.push({ role: 'system', content: guide });
  messages.forEach((message, index) => {
    switch (message.role) {
      case 'system':
        out.push({ role: 'system', content: index === 0 && guide ? `${message.content}\n\n${guide}` : message.content });
        break;
      case 'assistant':
        out.push(message.toolCalls?.length ? { role: 'assistant', content: withWrittenCalls(message.content, message.toolCalls), ...(message.interrupted ? { interrupted: true } : {}) } : message);
        break;
      case 'tool':
        addUserText(out, toolResponse(message.name, message.content, message.isError));
        break;
      case 'user':
        addUserText(out, message.content);
        break;
      default: {
        const unhandled: never = message;
        throw new Error(`unknown message role ${(unhandled as Message).role}`);
      }
    }
  });
  return out;
}

/** The tools section: the call format, an example, and one line per tool. */
export function describeTools(tools: readonly ToolSpec[]): string {
  const example = tools[0];
  return [
    '# Tools',
    'You call tools by writing a block in exactly this format (one block per call, several blocks for several calls), then stop and wait for the results:',
    '<tool_call>',
    JSON.stringify({ name: example.name, arguments: exampleArguments(example.parameters) }),
    '</tool_call>',
    'Each result comes back in a <tool_response> block. When you need no tool, answer in plain text without any block.',
    'The tools (name, arguments with their types, ? = optional, and what it does):',
    ...tools.map((tool) => `- ${tool.name}(${argumentList(tool.parameters)}): ${tool.description}`),
  ].join('\n');
}

/** An earlier call written as the model is told to write calls. */
export function writtenCall(call: Pick<ToolCall, 'name' | 'arguments'>): string {
  return `<tool_call>\n${JSON.stringify({ name: call.name, arguments: parsedOr(call.arguments) })}\n</tool_call>`;
}

function withWrittenCalls(content: string, calls: readonly ToolCall[]): string {
  return [content.trim(), ...calls.map(writtenCall)].filter(Boolean).join('\n');
}

function toolResponse(name: string, content: string, isError?: boolean): string {
  return `<tool_response name="${name}"${isError ? ' error="true"' : ''}>\n${content || '(no output)'}\n</tool_response>`;
}

/** Consecutive user texts become one message: strict templates (Mistral's) want turns to alternate. */
function addUserText(out: Message[], content: string): void {
  const last = out[out.length - 1];
  if (last?.role === 'user') last.content = `${last.content}\n\n${content}`;
  else out.push({ role: 'user', content });
}

function parsedOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

type Schema = Record<string, unknown>;

function argumentList(parameters: Schema): string {
  const properties = (parameters.properties ?? {}) as Record<string, Schema>;
  const required = new Set((parameters.required ?? []) as string[]);
  return Object.entries(properties)
    .map(([name, schema]) => {
      const note = typeof schema.description === 'string' ? ` (${schema.description})` : '';
      return `${name}${required.has(name) ? '' : '?'}: ${typeName(schema)}${note}`;
    })
    .join(', ');
}

/** A short type: `string`, `"a"|"b"`, `integer[]`, `{text: string, done?: boolean}`. */
export function typeName(schema: Schema | undefined): string {
  if (!schema || typeof schema !== 'object') return 'any';
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => JSON.stringify(value)).join('|');
  if ('const' in schema) return JSON.stringify(schema.const);
  const union = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (Array.isArray(union)) return union.map(typeName).join('|');
  const type = Array.isArray(schema.type) ? schema.type.join('|') : schema.type;
  if (type === 'array') return `${typeName(schema.items as Schema | undefined)}[]`;
  if (type === 'object' && schema.properties) return `{${argumentList(schema)}}`;
  return typeof type === 'string' ? type : 'any';
}

function exampleArguments(parameters: Schema): Record<string, unknown> {
  const properties = (parameters.properties ?? {}) as Record<string, Schema>;
  const required = (parameters.required ?? []) as string[];
  return Object.fromEntries(required.filter((name) => properties[name]).map((name) => [name, exampleValue(properties[name])]));
}

function exampleValue(schema: Schema): unknown {
  if (Array.isArray(schema.enum)) return schema.enum[0];
  switch (schema.type) {
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object':
      return {};
    default:
      return '...';
  }
}
