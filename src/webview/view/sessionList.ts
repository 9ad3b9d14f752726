// The session list, one line above the transcript while there are worktree sessions: "3 sessions ·
// 1 waiting", which opens to the chat and each session (state, time, changed files). Picking a
// session shows its conversation in the chat's place under a header that names it, with Stop
// while it works and a way back to the chat; nothing is stopped by looking elsewhere.
import type { HostMessage, SessionRowView } from '../../protocol/messages';
import type { ChatState } from '../chatState';
import { byId, h, icon, iconButton } from '../dom';
import type { IconName } from '../icons';
import { chatStateText, initialSessionsState, isSessionMessage, reduceSessions, rowOf, sessionsSummary, shownChat } from '../sessionState';
import { post } from '../vscodeApi';

const STATE_ICONS: Record<SessionRowView['state'] | 'idle', IconName> = { running: 'sync', waiting: 'bell', done: 'pass', failed: 'error', stopped: 'debug-stop', interrupted: 'circle-slash', idle: 'circle-outline' };

export class SessionList {
  private readonly root = byId('sessions');
  private readonly toggle = h('button', { type: 'button', class: 'sessions-toggle', 'aria-expanded': 'false', 'aria-controls': 'session-rows' });
  private readonly rows = h('ul', { id: 'session-rows', class: 'session-rows', 'aria-label': 'Sessions' });
  private readonly header = h('div', { class: 'session-header', role: 'region', 'aria-label': 'Shown session' });
  private state = initialSessionsState();
  private renderedKey = '';

  /** `switched`: the transcript now shows another conversation (the chat or a session). */
  constructor(private readonly changed: (switched: boolean) => void) {
    this.root.append(this.toggle, this.rows, this.header);
    this.toggle.addEventListener('click', () => this.setOpen(!this.state.open));
    this.root.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.state.open) {
        this.setOpen(false);
        this.toggle.focus();
      }
    });
    this.root.addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button');
      if (!button) return;
      if (button.classList.contains('session-row')) this.view(button.dataset.branch || undefined);
      else if (button.classList.contains('session-back')) this.view(undefined);
      else if (button.classList.contains('session-stop') && this.state.viewing) post({ type: 'stopSession', branch: this.state.viewing.branch });
    });
  }

  /** Folds a host message of the list's; false for any other. */
  receive(message: HostMessage): boolean {
    if (!isSessionMessage(message)) return false;
    const before = this.state.viewing?.branch;
    this.state = reduceSessions(this.state, message);
    this.changed(this.state.viewing?.branch !== before);
    return true;
  }

  shown(chat: ChatState): ChatState {
    return shownChat(chat, this.state);
  }

  render(chat: ChatState): void {
    const { rows, open, viewing } = this.state;
    const row = rowOf(this.state);
    const key = JSON.stringify([rows, open, viewing?.branch, chatStateText(chat), Boolean(chat.history)]);
    if (key === this.renderedKey) return;
    this.renderedKey = key;
    this.root.hidden = rows.length === 0 && !viewing;
    this.toggle.replaceChildren(icon(open ? 'chevron-down' : 'chevron-right'), h('span', { class: 'sessions-summary' }, sessionsSummary(rows, chat)));
    this.toggle.setAttribute('aria-expanded', String(open));
    this.toggle.classList.toggle('attention', rows.some((candidate) => candidate.state === 'waiting'));
    this.rows.hidden = !open;
    // Open, the list takes the transcript's place (as the history does): a short view keeps both readable.
    this.root.classList.toggle('open', open);
    byId('messages').hidden = open || Boolean(chat.history);
    const chatRow = rowView({ branch: '', title: 'Chat (this workspace)', state: chatStateText(chat), description: chatStateText(chat), tooltip: 'The chat: it works in the workspace itself.' }, !viewing);
    this.rows.replaceChildren(chatRow, ...rows.map((candidate) => rowView(candidate, candidate.branch === viewing?.branch)));
    this.header.hidden = !viewing;
    if (viewing) {
      const working = row?.state === 'running' || row?.state === 'waiting';
      this.header.replaceChildren(
        iconButton('arrow-left', 'Back to the chat', { class: 'session-back' }),
        h('span', { class: 'session-heading', title: row?.tooltip ?? viewing.branch }, h('span', { class: 'session-name' }, row?.title ?? viewing.branch), h('span', { class: 'session-meta' }, row ? `${row.description}${working ? '' : ' · send a follow-up below'}` : '')),
        ...(working ? [iconButton('debug-stop', 'Stop this session', { class: 'session-stop' })] : []),
      );
    }
  }

  private setOpen(open: boolean): void {
    this.state = { ...this.state, open };
    this.changed(false);
  }

  /** A session's conversation comes from the host; the chat is here already. */
  private view(branch: string | undefined): void {
    post({ type: 'viewSession', ...(branch ? { branch } : {}) });
    const switched = Boolean(this.state.viewing) && !branch;
    this.state = { ...this.state, open: false, ...(branch ? {} : { viewing: undefined }) };
    this.changed(switched);
  }
}

function rowView(row: Pick<SessionRowView, 'branch' | 'title' | 'description' | 'tooltip'> & { state: SessionRowView['state'] | 'running' | 'waiting for you' | 'idle' }, current: boolean): HTMLLIElement {
  const state = row.state === 'waiting for you' ? 'waiting' : row.state;
  return h(
    'li',
    {},
    h(
      'button',
      { type: 'button', class: `session-row state-${state}`, 'data-branch': row.branch, title: row.tooltip, 'aria-current': current ? 'true' : undefined },
      icon(STATE_ICONS[state], { spin: state === 'running' }),
      h('span', { class: 'session-name' }, row.title),
      h('span', { class: 'session-meta' }, row.description),
    ),
  );
}
