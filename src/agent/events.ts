// The one-way stream of what the loop does. Every consumer (the chat view, the CLI's --json,
// the tests) reads the same events.
import type { ToolCall } from './conversation';

export interface Usage {
  promptTokens: number;
  completionTokens: number;
  cachedTokens?: number;
}

export type DoneReason = 'stop' | 'cancelled' | 'max_steps' | 'error';

export type AgentEvent =
  | { type: 'step'; step: number }
  | { type: 'text'; delta: string }
  | { type: 'reasoning'; delta: string }
  | { type: 'tool_call'; call: ToolCall }
  | { type: 'tool_result'; id: string; name: string; content: string; isError: boolean }
  | { type: 'approval_request'; id: string; toolCallId: string; kind: 'edit' | 'execute'; title: string; detail?: string }
  | { type: 'approval_result'; id: string; approved: boolean; reason?: string }
  | { type: 'usage'; usage: Usage }
  | { type: 'retry'; attempt: number; delayMs: number; message: string }
  | { type: 'error'; message: string; status?: number }
  | { type: 'done'; reason: DoneReason; message?: string };
