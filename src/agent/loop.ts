// The agent loop: send the conversation and the tool specs, stream the reply, run the tools it
// asks for, append the results, and ask again, until the model answers without tools, the user
// cancels, or maxSteps is reached.
import type { Conversation } from './conversation';
import type { AgentEvent } from './events';
import type { Model } from '../llm/model';
import type { Approver, Tool } from './tools/tool';
import type { Workspace } from './workspace/workspace';

export interface AgentOptions {
  model: Model;
  tools: readonly Tool[];
  workspace: Workspace;
  approver: Approver;
  /** Default 50. */
  maxSteps?: number;
  signal?: AbortSignal;
}

/**
 * Runs one user turn on `conversation` (whose last message is the user's), appending every
 * assistant and tool message to it as it goes, and yields what happens.
 */
export async function* runAgent(conversation: Conversation, options: AgentOptions): AsyncGenerator<AgentEvent> {
  void conversation;
  void options;
  yield { type: 'done', reason: 'error', message: 'not implemented yet' };
}
