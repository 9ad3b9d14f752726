// A conversation saved mid-step (the window closed, the process was killed, the machine went
// down) is made valid to continue: every tool call gets exactly one result right after its
// call, stray results go, and a reply that was still streaming is kept, marked interrupted.
// Pure: the same saved state always repairs to the same conversation.
import type { AssistantMessage, Message, ToolMessage } from '../conversation';

export const NEVER_FINISHED =
  'Error: Ouro stopped (the window closed or the process ended) before this call finished. It may have done part of its work; check before running it again.';

export interface Repaired {
  messages: Message[];
  /** What was done, one line each, for a notice ("1 tool call had no result"). */
  repairs: string[];
  /** Messages before this index are unchanged; a repair inside the history (not just at its end) moved the rest. */
  unchangedUpTo: number;
}

export function repairConversation(messages: readonly Message[], draft?: { text: string; reasoning?: string }): Repaired {
  const out: Message[] = [];
  let missing = 0;
  let stray = 0;
  let unchangedUpTo = messages.length;
  const changedAt = (index: number) => (unchangedUpTo = Math.min(unchangedUpTo, index));

  for (let i = 0; i < messages.length; ) {
    const message = messages[i];
    if (message.role === 'tool') {
      // A result with no call right before it: the server would refuse the whole conversation.
      stray++;
      changedAt(out.length);
      i++;
      continue;
    }
    out.push(message);
    i++;
    if (message.role !== 'assistant' || !message.toolCalls?.length) continue;
    const pending = new Map(message.toolCalls.map((call) => [call.id, call]));
    for (; i < messages.length && messages[i].role === 'tool'; i++) {
      const result = messages[i] as ToolMessage;
      if (pending.delete(result.toolCallId)) {
        out.push(result);
      } else {
        stray++;
        changedAt(out.length);
      }
    }
    if (pending.size && i < messages.length) changedAt(out.length);
    for (const call of pending.values()) {
      out.push({ role: 'tool', toolCallId: call.id, name: call.name, content: NEVER_FINISHED, isError: true });
      missing++;
    }
  }

  const repairs: string[] = [];
  if (missing) repairs.push(`${plural(missing, 'tool call')} had no result (the call never finished)`);
  if (stray) repairs.push(`${plural(stray, 'tool result')} without a call ${stray === 1 ? 'was' : 'were'} dropped`);
  if (draft && (draft.text || draft.reasoning)) {
    const partial: AssistantMessage = { role: 'assistant', content: draft.text, ...(draft.reasoning ? { reasoning: draft.reasoning } : {}), interrupted: true };
    out.push(partial);
    repairs.push('a reply cut off while it streamed was kept as it was');
  }
  return { messages: out, repairs, unchangedUpTo };
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
