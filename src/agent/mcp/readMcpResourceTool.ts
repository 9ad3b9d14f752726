// read_mcp_resource: one resource of an MCP server, by its address, as context; read-only, and
// cut to the page read_file gives.
import * as z from 'zod';
import { capOutput } from '../commands/outputCapper';
import { MAX_PAGE_CHARS, MAX_PAGE_LINES } from '../tools/readFile';
import { defineTool, type Tool } from '../tools/tool';
import { reportingFailures } from '../tools/toolFailure';
import type { McpConnection } from './mcpConnection';
import { describeResourceContents } from './mcpResult';
import { MCP_RESOURCES, notOffering } from './mcpResourcesTool';

export const READ_MCP_RESOURCE = 'read_mcp_resource';

/** `servers` gives the running servers that offer resources. */
export function readMcpResourceTool(servers: () => readonly McpConnection[]): Tool {
  return defineTool({
    name: READ_MCP_RESOURCE,
    description: `Read a resource of an MCP server by its address (from ${MCP_RESOURCES}).`,
    schema: z.object({ server: z.string(), uri: z.string().describe('the resource address') }),
    kind: 'read',
    run: reportingFailures(async ({ server, uri }, ctx) => {
      const offering = servers();
      const connection = offering.find((candidate) => candidate.config.name === server);
      if (!connection) return notOffering(server, offering);
      const result = await connection.readResource(uri, ctx.signal);
      const text = result.contents.map(describeResourceContents).join('\n').trim() || `(${uri} is empty)`;
      return { content: capOutput(text, { maxLines: MAX_PAGE_LINES, maxBytes: MAX_PAGE_CHARS }) };
    }),
  });
}
