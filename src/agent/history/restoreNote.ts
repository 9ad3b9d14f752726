// After an undo or a revert, the model must not build on edits that are gone: the conversation
// gets a note its next request carries, naming each file restored and to which state. Pure.
import type { Message, UserMessage } from '../conversation';
import type { RestoreOutcome } from './restoreFiles';

const QUOTE_CHARS = 60;

/**
 * The note for what was restored, or undefined when nothing was. `since`: the index of the user
 * message an undo went back to; without it, each file went back to before the conversation.
 */
export function restoreNote(outcomes: readonly RestoreOutcome[], messages: readonly Message[], since?: number): UserMessage | undefined {
  const done = outcomes.filter((outcome) => !outcome.error);
  if (done.length === 0) return undefined;
  const quoted = since === undefined ? undefined : quote(messages[since]);
  const state = quoted ? `back to what it held before your edits since the user's message ${quoted}` : 'back to what it held before this conversation';
  const lines = done.map((outcome) =>
    outcome.action === 'deleted' ? `- ${outcome.path}: deleted (it did not exist before you created it)` : `- ${outcome.path}: ${state}`,
  );
  return {
    role: 'user',
    note: true,
    content: `[Note from Ouro] The user restored files, so your edits to them are gone:\n${lines.join('\n')}\nRead a file again before you change it.`,
  };
}

/** The start of the user's words, for the model to find the message by. */
function quote(message: Message | undefined): string | undefined {
  if (message?.role !== 'user' || message.note) return undefined;
  const line = message.content.trim().split('\n', 1)[0];
  return JSON.stringify(line.length > QUOTE_CHARS ? `${line.slice(0, QUOTE_CHARS)}…` : line);
}
