// An MCP tool's result as the model reads it. The tool channel carries text (no model path here
// takes an image in a tool result), so: text as it is; structured content as JSON when there is
// no text beside it; resources with their address, their text, or a blob of text decoded; images,
// audio and other blobs as a note with their type and size. Capped like command output, with a
// note where it was cut.
import type { CallToolResult, ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import { capOutput } from '../commands/outputCapper';
import { formatBytes } from '../tools/fileDisplay';
import type { ToolResult } from '../tools/tool';

export function mcpToolResult(result: CallToolResult): ToolResult {
  const parts = (result.content ?? []).map(describeBlock);
  if (!parts.some((part) => part.trim()) && result.structuredContent !== undefined) parts.push(JSON.stringify(result.structuredContent, null, 2));
  const text = parts.join('\n').trim() || '(no output)';
  return { content: capOutput(text), ...(result.isError ? { isError: true } : {}) };
}

type Block = NonNullable<CallToolResult['content']>[number];
type ResourceContents = ReadResourceResult['contents'][number];

function describeBlock(block: Block): string {
  switch (block.type) {
    case 'text':
      return block.text;
    case 'image':
    case 'audio':
      return `[${block.type} ${block.mimeType}, ${formatBytes(base64Bytes(block.data))}]`;
    case 'resource':
      return describeResourceContents(block.resource);
    case 'resource_link':
      return `[resource link ${block.uri}${block.name ? ` (${block.name})` : ''}${block.mimeType ? `, ${block.mimeType}` : ''}]${block.description ? ` ${block.description}` : ''}`;
    default:
      return `[${(block as { type: string }).type} content]`;
  }
}

/** One resource's contents, headed by its address: its text, a blob of text decoded, or what the blob is. */
export function describeResourceContents(resource: ResourceContents): string {
  const head = `[resource ${resource.uri}${resource.mimeType ? `, ${resource.mimeType}` : ''}`;
  if ('text' in resource && typeof resource.text === 'string') return `${head}]\n${resource.text}`;
  if ('blob' in resource && typeof resource.blob === 'string') {
    if (isTextual(resource.mimeType)) return `${head}]\n${Buffer.from(resource.blob, 'base64').toString('utf8')}`;
    return `${head}, ${formatBytes(base64Bytes(resource.blob))} of binary data]`;
  }
  return `${head}]`;
}

function isTextual(mimeType: string | undefined): boolean {
  return !!mimeType && /^text\/|[/+](json|xml|yaml|javascript|csv)\b/.test(mimeType);
}

function base64Bytes(data: string): number {
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  return Math.floor((data.length * 3) / 4) - padding;
}
