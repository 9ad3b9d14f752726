// The one-way stream of what the loop does. Every consumer (the chat view, the CLI's --json,
// the tests) reads the same events.
import type { ToolCall } from './conversation';
import type { ApprovalChoice } from './tools/tool';

export interface Usage {
  promptTokens: number;
  completionTokens: number;
  cachedTokens?: number;
}

export type DoneReason = 'stop' | 'cancelled' | 'max_steps' | 'error';

/** What a compaction did to the request before it was sent (src/agent/context). */
export interface Compaction {
  /** 'trim': large old tool results were left out; 'summary': the middle of the conversation was replaced by a summary. */
  kind: 'trim' | 'summary';
  tokensBefore: number;
  tokensAfter: number;
  window: number;
  trimmedResults: number;
  summarisedMessages: number;
  /** Why the model's summary could not be had; a plain list of what was left out stands in for it. */
  summaryError?: string;
  /** What the summarisation requests used. */
  usage?: Usage;
}

/** What a proposed edit changes: lines added and removed, as a diff counts them. */
export interface LineCounts {
  added: number;
  removed: number;
}

export type AgentEvent =
  | { type: 'step'; step: number }
  | { type: 'text'; delta: string }
  | { type: 'reasoning'; delta: string }
  | { type: 'tool_call'; call: ToolCall }
  | { type: 'tool_result'; id: string; name: string; content: string; isError: boolean }
  | { type: 'approval_request'; id: string; toolCallId: string; kind: 'edit' | 'execute'; title: string; detail?: string; lines?: LineCounts; choices?: ApprovalChoice[] }
  | { type: 'approval_result'; id: string; approved: boolean; reason?: string; choice?: string }
  | { type: 'usage'; usage: Usage }
  | { type: 'retry'; attempt: number; delayMs: number; message: string }
  | { type: 'compacted'; compaction: Compaction }
  /**
   * What the loop told the model: to go on (plan items left open, checks not run since a change),
   * as a user message; or to change approach (the same call again and again), as a note on a tool result.
   */
  | { type: 'reminder'; text: string }
  /** What the person sent while the loop worked, now in the conversation as a user message. */
  | { type: 'steer'; text: string }
  /** What a hook said for the person (its message, or why it failed). */
  | { type: 'hook'; text: string }
  | { type: 'error'; message: string; status?: number }
  | { type: 'done'; reason: DoneReason; message?: string };
