// An MCP tool's result as the model reads it: text as it is, structured content as JSON when
// there is no text, resources with their address, images and audio named with their size (the
// tool channel carries text); capped like command output, with a note where it was cut.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { capOutput } from '../commands/outputCapper';
import type { ToolResult } from '../tools/tool';

export function mcpToolResult(result: CallToolResult): ToolResult {
  const parts = (result.content ?? []).map(describeBlock);
  if (!parts.some((part) => part.trim()) && result.structuredContent !== undefined) parts.push(JSON.stringify(result.structuredContent, null, 2));
  const text = parts.join('\n').trim() || '(no output)';
  return { content: capOutput(text), ...(result.isError ? { isError: true } : {}) };
}

type Block = NonNullable<CallToolResult['content']>[number];

function describeBlock(block: Block): string {
  switch (block.type) {
    case 'text':
      return block.text;
    case 'image':
    case 'audio':
      return `[${block.type} ${block.mimeType}, ${Math.floor((block.data.length * 3) / 4).toLocaleString('en')} bytes]`;
    case 'resource': {
      const resource = block.resource;
      return 'text' in resource && typeof resource.text === 'string' ? `[resource ${resource.uri}]\n${resource.text}` : `[resource ${resource.uri}${resource.mimeType ? `, ${resource.mimeType}` : ''}]`;
    }
    case 'resource_link':
      return `[resource link ${block.uri}${block.name ? ` (${block.name})` : ''}]`;
    default:
      return `[${(block as { type: string }).type} content]`;
  }
}
