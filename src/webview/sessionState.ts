// The session list's state and its pure reducer: the worktree sessions' rows as the host last
// sent them, whether the list is open, and the session the chat view shows instead of the chat
// (its conversation folded by the chat's own reducer). The chat's state goes on meanwhile.
import type { HostMessage, SessionRowView } from '../protocol/messages';
import { initialChatState, reduce, type ChatState } from './chatState';

export interface SessionsState {
  rows: SessionRowView[];
  open: boolean;
  /** The worktree session shown in the chat's place. */
  viewing?: { branch: string; chat: ChatState };
}

export type SessionMessage = Extract<HostMessage, { type: 'sessions' | 'sessionView' | 'sessionMessage' }>;

export function initialSessionsState(): SessionsState {
  return { rows: [], open: false };
}

export function isSessionMessage(message: HostMessage): message is SessionMessage {
  return message.type === 'sessions' || message.type === 'sessionView' || message.type === 'sessionMessage';
}

export function reduceSessions(state: SessionsState, message: SessionMessage): SessionsState {
  switch (message.type) {
    case 'sessions': {
      // A session discarded while shown: back to the chat (one just started may not be listed yet).
      const listed = (rows: SessionRowView[]) => rows.some((row) => row.branch === state.viewing?.branch);
      const gone = state.viewing && listed(state.rows) && !listed(message.rows);
      return { ...state, rows: message.rows, ...(gone ? { viewing: undefined } : {}) };
    }
    case 'sessionView':
      return { ...state, open: false, viewing: { branch: message.branch, chat: message.transcript.reduce(reduce, initialChatState()) } };
    case 'sessionMessage':
      if (state.viewing?.branch !== message.branch) return state;
      return { ...state, viewing: { ...state.viewing, chat: reduce(state.viewing.chat, message.message) } };
    default: {
      const _exhaustive: never = message;
      return _exhaustive;
    }
  }
}

/** What the transcript and the composer show: the chat, or the shown session (busy while it works). */
export function shownChat(chat: ChatState, state: SessionsState): ChatState {
  if (!state.viewing) return chat;
  const row = rowOf(state);
  return { ...state.viewing.chat, busy: row?.state === 'running' || row?.state === 'waiting', setup: chat.setup, attachments: [], queued: undefined };
}

export function rowOf(state: SessionsState): SessionRowView | undefined {
  return state.rows.find((row) => row.branch === state.viewing?.branch);
}

/** The chat's own state in the list's words. */
export function chatStateText(chat: ChatState): 'waiting for you' | 'running' | 'idle' {
  if (chat.items.some((item) => item.kind === 'tool' && item.status === 'waiting')) return 'waiting for you';
  return chat.busy ? 'running' : 'idle';
}

/** The list's one-line summary, the chat counted: "3 sessions · 1 running · 1 waiting". */
export function sessionsSummary(rows: readonly SessionRowView[], chat: ChatState): string {
  const chatState = chatStateText(chat);
  const running = rows.filter((row) => row.state === 'running').length + (chatState === 'running' ? 1 : 0);
  const waiting = rows.filter((row) => row.state === 'waiting').length + (chatState === 'waiting for you' ? 1 : 0);
  const count = rows.length + 1;
  return [`${count} session${count === 1 ? '' : 's'}`, running && `${running} running`, waiting && `${waiting} waiting`].filter(Boolean).join(' · ');
}
