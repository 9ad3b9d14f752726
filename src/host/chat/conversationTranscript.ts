// The chat a saved conversation shows: its messages turned back into the transcript messages the
// live chat was made of, so a reloaded window or an opened conversation looks as it did, tool
// cards with their results. Derived, not saved beside it: an imported or repaired conversation
// shows the same way. Pure.
import type { Message, UserMessage } from '../../agent/conversation';
import type { TurnUsage } from '../../agent/history/conversationRecord';
import type { TranscriptMessage } from '../../protocol/messages';
import { decisionNote, STAGED_NOTE, STOPPED_NOTE } from '../../protocol/notes';
import { splitUserMessage } from './attachmentText';
import { withoutModeInstruction } from '../../agent/modes/chatMode';
import { imageDataUrl } from '../../agent/images/userImage';

/** Results the tools give when the user said no (proposalResult.ts, runCommand.ts, customTool.ts), marked as errors or not. */
const REJECTED = /^(Error: )?(The change to .+ was rejected|The user did not allow )/;
/** ...and when the user's Stop ended the wait (decisions.ts). */
const STOPPED = /The user stopped the task before/;

const NOTE_PREFIX = /^\[Note from Ouro\] /;
/** An edit's result when it was staged for the review at the end (proposalResult.ts). */
const STAGED = /\n\(Staged for the user to review when you finish: /;

/** The user's words and attachments as the chat shows them: what they typed, not the mode's instruction or a prompt file's expansion. */
export function shownUserMessage(message: Pick<UserMessage, 'content' | 'display'>): { text: string; attachments: string[] } {
  const shown = splitUserMessage(withoutModeInstruction(message.content));
  return message.display !== undefined ? { ...shown, text: message.display } : shown;
}

/** `turns`: each turn's usage, shown after its last message as the live chat showed it. */
export function transcriptOf(messages: readonly Message[], newId: () => string, turns: readonly TurnUsage[] = []): TranscriptMessage[] {
  const out: TranscriptMessage[] = [];
  const usageOfTurn = new Map(turns.map((turn) => [turn.messageIndex, turn.usage]));
  let turnUsage: TurnUsage['usage'] | undefined;
  const endTurn = () => {
    if (turnUsage?.requests) out.push({ type: 'turnUsage', usage: turnUsage });
    turnUsage = undefined;
  };
  for (const [messageIndex, message] of messages.entries()) {
    switch (message.role) {
      case 'system':
        break;
      case 'user':
        // Ouro's note to the model (files the user restored, an empty reply): a quiet line.
        if (message.note) {
          out.push({ type: 'notice', text: message.content.replace(NOTE_PREFIX, '') });
          break;
        }
        // A message sent while the turn ran (steering) is inside it: its usage shows after the turn's end.
        if (turns.length === 0 || usageOfTurn.has(messageIndex)) {
          endTurn();
          turnUsage = usageOfTurn.get(messageIndex);
        }
        out.push({ type: 'user', id: newId(), ...shownUserMessage(message), messageIndex, ...(message.images?.length ? { images: message.images.map(imageDataUrl) } : {}) });
        break;
      case 'assistant':
        if (message.reasoning) out.push({ type: 'agent', event: { type: 'reasoning', delta: message.reasoning } });
        if (message.content) out.push({ type: 'agent', event: { type: 'text', delta: message.content } });
        for (const call of message.toolCalls ?? []) out.push({ type: 'agent', event: { type: 'tool_call', call } });
        break;
      case 'tool':
        if (message.isError && REJECTED.test(message.content)) {
          out.push({ type: 'decided', toolCallId: message.toolCallId, accepted: false, note: STOPPED.test(message.content) ? STOPPED_NOTE : decisionNote(false) });
        } else if (!message.isError && STAGED.test(message.content)) {
          out.push({ type: 'decided', toolCallId: message.toolCallId, accepted: true, note: STAGED_NOTE });
        }
        out.push({ type: 'agent', event: { type: 'tool_result', id: message.toolCallId, name: message.name, content: message.content, isError: message.isError ?? false } });
        break;
      default: {
        const _exhaustive: never = message;
        return _exhaustive;
      }
    }
  }
  if (out.length) out.push({ type: 'agent', event: { type: 'done', reason: 'stop' } });
  endTurn();
  return out;
}
