// The tools a conversation can use may change while it runs: the agent writes itself a tool,
// and it is there from the next step. The loop asks a ToolSource before every step; a fixed
// list is the source that never changes.
import type { Message } from './conversation';
import type { Tool } from './tools/tool';

export interface ToolSet {
  tools: readonly Tool[];
  /**
   * What the model should hear about the tools now (a self-made tool that is broken, and why).
   * The loop adds them to the latest tool result, where the model reads them on its next step.
   */
  notes?: readonly string[];
}

/** Called before every step; it must not throw (report problems as notes instead). */
export type ToolSource = (signal: AbortSignal) => Promise<ToolSet>;

export async function toolsForStep(tools: readonly Tool[] | ToolSource, signal: AbortSignal): Promise<ToolSet> {
  return typeof tools === 'function' ? tools(signal) : { tools };
}

/**
 * Appends `pending` notes to the last message when it is a tool result, emptying `pending`;
 * otherwise they wait (a note never becomes a message of its own, which some servers refuse).
 */
export function deliverNotes(messages: Message[], pending: string[]): void {
  const last = messages[messages.length - 1];
  if (pending.length === 0 || last?.role !== 'tool') return;
  last.content += `\n\n${pending.map((note) => `[Note from Ouro] ${note}`).join('\n')}`;
  pending.length = 0;
}
