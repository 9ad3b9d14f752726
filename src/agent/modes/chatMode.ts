// The chat's modes. Agent is every tool; Ask and Plan only look (read, list, search, diagnostics,
// fetch_url, which asks first), and Plan also keeps the plan tool, where its answer goes. A tool
// left out is not offered, so its spec costs no tokens, and a call to it anyway comes back as
// "there is no tool named ...": the model can fix that, and nothing is written or run.
import type { ToolSet, ToolSource } from '../toolSource';
import type { Tool } from '../tools/tool';

export const CHAT_MODES = ['agent', 'ask', 'plan'] as const;
export type ChatMode = (typeof CHAT_MODES)[number];

/** What a conversation keeps as its mode: a built-in one, or the id of a custom mode (.ouro/modes/<id>.md). */
export type ModeId = string;
export const MODE_ID = /^[A-Za-z0-9][\w-]{0,39}$/;

export function isChatMode(value: unknown): value is ChatMode {
  return typeof value === 'string' && (CHAT_MODES as readonly string[]).includes(value);
}

/** Tools that only read, whatever their kind says (fetch_url asks before each page). */
const LOOKING_TOOLS = new Set(['fetch_url', 'ask_user']);

export function toolAllowedIn(mode: ChatMode, tool: Pick<Tool, 'name' | 'kind'>): boolean {
  if (mode === 'agent') return true;
  if (mode === 'plan' && tool.name === 'plan') return true;
  return tool.kind === 'read' || LOOKING_TOOLS.has(tool.name);
}

export function toolsForMode<T extends Pick<Tool, 'name' | 'kind'>>(mode: ChatMode, tools: readonly T[]): T[] {
  return tools.filter((tool) => toolAllowedIn(mode, tool));
}

/**
 * The source with only the mode's tools. The list stays the same object while its source's does,
 * so the loop need not make its specs again each step.
 */
export function modeToolSource(mode: ChatMode, source: ToolSource): ToolSource {
  if (mode === 'agent') return source;
  let last: { from: readonly Tool[]; tools: Tool[] } | undefined;
  return async (signal): Promise<ToolSet> => {
    const set = await source(signal);
    if (last?.from !== set.tools) last = { from: set.tools, tools: toolsForMode(mode, set.tools) };
    return { ...set, tools: last.tools };
  };
}

/** What the model hears with a message sent in the mode (nothing in Agent). */
export function modeInstruction(mode: ChatMode): string | undefined {
  switch (mode) {
    case 'agent':
      return undefined;
    case 'ask':
      return 'Ask mode: answer the question. You can read, list, search, see diagnostics and fetch pages; you cannot edit files or run commands in this mode.';
    case 'plan':
      return 'Plan mode: do not change anything. Look at the code as you need, then write the plan with the plan tool (one step per item) and explain it briefly. The user can hand the plan to Agent mode to carry out.';
    default: {
      const _exhaustive: never = mode;
      return _exhaustive;
    }
  }
}

/** The message as the model gets it in the mode: the mode's instruction after the user's words. */
export function withModeInstruction(mode: ChatMode, content: string): string {
  const instruction = modeInstruction(mode);
  return instruction ? `${content}\n\n[${instruction}]` : content;
}

const INSTRUCTION = /\n\n\[((Ask|Plan) mode: [^\]]*|Custom mode "[^"\n]*": [\s\S]*)\]$/;

/** The message as the user wrote it, for the chat shown again from the saved conversation. */
export function withoutModeInstruction(content: string): string {
  return content.replace(INSTRUCTION, '');
}
