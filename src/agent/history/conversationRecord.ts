// A conversation as it is kept: the messages the loop works on (it is a Conversation, so it is
// passed to runAgent as it is) with what the history list, the usage display, undo and the
// context manager need alongside them.
import type { Conversation, Message, UserMessage } from '../conversation';
import { emptyContextState, type ContextState } from '../context/requestView';
import { emptyTotals, type UsageTotals } from '../usage/usageTotals';
import type { StagedFile } from '../workspace/stagedWorkspace';
import type { FileCheckpoint } from './checkpoints';
import type { ModeId } from '../modes/chatMode';

export interface TurnUsage {
  /** Index of the user message that began the turn. */
  messageIndex: number;
  usage: UsageTotals;
}

export interface ConversationRecord extends Conversation {
  title: string;
  /** The user named it, so the title no longer follows the first message. */
  titleSetByUser?: boolean;
  /** ISO 8601. */
  createdAt: string;
  updatedAt: string;
  /** The model of the latest turn. */
  model?: string;
  usage: UsageTotals;
  turns: TurnUsage[];
  checkpoints: FileCheckpoint[];
  /** Where compaction stands, so a continued conversation sends what it sent before. */
  context: ContextState;
  /** A reply still streaming when this was saved; loading keeps it as an interrupted message. */
  draft?: { text: string; reasoning?: string };
  /** The agent's changes waiting for the person's review at the end (not on disk yet). */
  staged?: StagedFile[];
  /** The chat's mode (Ask, Plan, a custom mode's id) when it is not Agent. */
  mode?: ModeId;
}

export const UNTITLED = 'New conversation';
const TITLE_LENGTH = 60;

export function newRecord(id: string, messages: Message[], now = new Date()): ConversationRecord {
  const at = now.toISOString();
  return {
    id,
    title: titleFor(messages),
    createdAt: at,
    updatedAt: at,
    messages,
    usage: emptyTotals(),
    turns: [],
    checkpoints: [],
    context: emptyContextState(),
  };
}

/** The first line of the first user message, shortened. */
export function titleFor(messages: readonly Message[]): string {
  const first = messages.find((message): message is UserMessage => message.role === 'user');
  const line = (first?.display ?? first?.content)?.split('\n').map((part) => part.trim()).find(Boolean);
  if (!line) return UNTITLED;
  const flat = line.replace(/\s+/g, ' ');
  return flat.length <= TITLE_LENGTH ? flat : `${flat.slice(0, TITLE_LENGTH - 1).trimEnd()}…`;
}
