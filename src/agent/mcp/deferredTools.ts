// MCP tools cost tokens on every request: fifty of them are 10,000 and more. Past a few, Ouro
// sends only their names and a line each, in the description of one tool, `load_tools`; the full
// definitions of the tools the model loads are sent from its next step on.
import * as z from 'zod';
import { defineTool, type Tool } from '../tools/tool';
import { failure } from '../tools/toolFailure';

/** Up to this many MCP tools are sent whole; more are deferred. */
export const DEFER_ABOVE = 8;
const LINE = 90;

export const LOAD_TOOLS = 'load_tools';

export class DeferredTools {
  private readonly loaded = new Set<string>();
  private loader: { catalog: string; tool: Tool } | undefined;

  /** `loaderName`: another source of deferred tools beside the MCP servers' needs a loader of its own. */
  constructor(private readonly loaderName = LOAD_TOOLS) {}

  /** What the model is offered of `mcp`: all of them when few, else the loaded ones and the loader. */
  offer(mcp: readonly Tool[]): Tool[] {
    if (mcp.length <= DEFER_ABOVE) return [...mcp];
    const waiting = mcp.filter((tool) => !this.loaded.has(tool.name));
    const chosen = mcp.filter((tool) => this.loaded.has(tool.name));
    if (waiting.length === 0) return chosen;
    return [...chosen, this.loaderFor(waiting)];
  }

  private loaderFor(waiting: readonly Tool[]): Tool {
    const catalog = waiting.map((tool) => `${tool.name}: ${oneLine(tool.description)}`).join('\n');
    // The same loader while the catalog is the same: the tool list, and its specs, stay as they were.
    if (this.loader?.catalog === catalog) return this.loader.tool;
    const names = new Set(waiting.map((tool) => tool.name));
    const tool = defineTool({
      name: this.loaderName,
      description: `Loads MCP tools so you can call them from your next step. Available:\n${catalog}`,
      schema: z.object({ names: z.array(z.string()).min(1).describe('the tools to load, as listed') }),
      kind: 'read',
      run: async ({ names: asked }) => {
        const unknown = asked.filter((name) => !names.has(name) && !this.loaded.has(name));
        if (unknown.length) return failure(`Not loaded: ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not among the tools listed in ${this.loaderName}'s description.`);
        for (const name of asked) this.loaded.add(name);
        return { content: `Loaded ${asked.join(', ')}: call ${asked.length === 1 ? 'it' : 'them'} from your next step.` };
      },
    });
    this.loader = { catalog, tool };
    return tool;
  }
}

function oneLine(description: string): string {
  const first = description.split(/\n|(?<=[.!?])\s/)[0].trim();
  return first.length > LINE ? `${first.slice(0, LINE - 1)}…` : first;
}
