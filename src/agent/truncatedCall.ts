// A tool call whose arguments are not whole JSON. Cut off by the output token limit, such a call
// must not run: the loop tells the model to send it again in smaller parts.
import type { ToolCall } from './conversation';
import type { FinishReason } from './model';

export function isCompleteJson(text: string): boolean {
  if (!text.trim()) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** A call cut off by the output token limit: its arguments stop mid-JSON, so it must not run. */
export function isTruncatedCall(call: ToolCall, reason: FinishReason): boolean {
  return reason === 'length' && !isCompleteJson(call.arguments);
}
