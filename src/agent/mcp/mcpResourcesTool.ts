// mcp_resources: what the connected MCP servers offer to read (files, schemas, records), each
// with the address read_mcp_resource takes, and the templates an address can be made from.
import * as z from 'zod';
import { capOutput } from '../commands/outputCapper';
import { defineTool, type Tool, type ToolResult } from '../tools/tool';
import { failure, reportingFailures } from '../tools/toolFailure';
import type { McpConnection } from './mcpConnection';

export const MCP_RESOURCES = 'mcp_resources';

/** `servers` gives the running servers that offer resources. */
export function mcpResourcesTool(servers: () => readonly McpConnection[]): Tool {
  return defineTool({
    name: MCP_RESOURCES,
    description: 'List the resources MCP servers offer as context (address, name, type); read one with read_mcp_resource.',
    schema: z.object({ server: z.string().optional().describe('only this server') }),
    kind: 'read',
    run: reportingFailures(async ({ server }, ctx) => {
      const offering = servers();
      const chosen = server === undefined ? offering : offering.filter((connection) => connection.config.name === server);
      if (!chosen.length) return notOffering(server ?? '', offering);
      const sections: string[] = [];
      for (const connection of chosen) {
        const { resources, templates } = await connection.resources(ctx.signal);
        const lines = [
          ...resources.map((resource) => `${resource.uri} (${[resource.name, resource.mimeType].filter(Boolean).join(', ')})${resource.description ? ` ${oneLine(resource.description)}` : ''}`),
          ...templates.map((template) => `${template.uriTemplate} (template: ${template.name})${template.description ? ` ${oneLine(template.description)}` : ''}`),
        ];
        sections.push(`${connection.config.name}:\n${lines.map((line) => `  ${line}`).join('\n') || '  (none)'}`);
      }
      return { content: capOutput(sections.join('\n')) };
    }),
  });
}

/** The failure for a server that is not among those offering resources. */
export function notOffering(server: string, offering: readonly McpConnection[]): ToolResult {
  return failure(`No MCP server "${server}" offers resources; these do: ${offering.map((connection) => connection.config.name).join(', ') || 'none'}.`);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
