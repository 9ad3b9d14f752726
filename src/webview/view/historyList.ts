// The history list: it takes the transcript's place while open. Search as you type (the host
// searches titles and messages), open a conversation by its row, rename or delete it with the
// row's buttons (the host asks for the name and for confirmation in the editor's own dialogs).
import type { HistoryEntry } from '../../protocol/messages';
import type { ChatState } from '../chatState';
import { byId, h, icon, iconButton } from '../dom';
import { post } from '../vscodeApi';

const SEARCH_DELAY_MS = 200;

export class HistoryList {
  private readonly panel = byId('history');
  private readonly messages = byId('messages');
  private readonly search = h('input', { type: 'text', id: 'history-search', placeholder: 'Search conversations', 'aria-label': 'Search conversations' });
  private readonly list = h('ul', { class: 'history-entries', 'aria-label': 'Saved conversations' });
  private rendered: ChatState['history'];
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  /** Set by the page: closing is the webview's own business. */
  onClose: () => void = () => {};

  constructor() {
    const close = iconButton('close', 'Close history', { class: 'close-history' });
    this.panel.append(h('div', { class: 'history-header' }, h('span', { class: 'history-heading' }, 'History'), close), this.search, this.list);
    close.addEventListener('click', () => this.onClose());
    this.panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.onClose();
    });
    this.search.addEventListener('input', () => {
      clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => post({ type: 'searchHistory', query: this.search.value }), SEARCH_DELAY_MS);
    });
    this.list.addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button');
      const id = button?.closest<HTMLElement>('.history-entry')?.dataset.id;
      if (!button || !id) return;
      if (button.classList.contains('history-rename')) post({ type: 'renameConversation', id });
      else if (button.classList.contains('history-delete')) post({ type: 'deleteConversation', id });
      else post({ type: 'openConversation', id });
    });
  }

  render(state: ChatState): void {
    const history = state.history;
    if (history === this.rendered) return;
    const opening = !this.rendered && history;
    this.rendered = history;
    this.panel.hidden = !history;
    this.messages.hidden = Boolean(history);
    if (!history) return;
    if (document.activeElement !== this.search) this.search.value = history.query;
    this.list.replaceChildren(...(history.entries.length ? history.entries.map(entryView) : [h('li', { class: 'history-empty' }, emptyText(history.query))]));
    if (opening) this.search.focus();
  }
}

function entryView(entry: HistoryEntry): HTMLLIElement {
  const when = new Date(entry.updatedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  const meta = [when, entry.model, `${entry.messageCount} messages`].filter(Boolean).join(' · ');
  return h(
    'li',
    { class: 'history-entry', 'data-id': entry.id, 'aria-current': entry.current ? 'true' : undefined },
    h(
      'button',
      { type: 'button', class: 'history-open', title: `Open "${entry.title}"` },
      h('span', { class: 'history-title' }, entry.current && icon('circle-filled', { extraClass: 'current-mark' }), entry.title, entry.current && h('span', { class: 'history-current' }, ' (current)')),
      h('span', { class: 'history-meta' }, meta),
      ...entry.matches.map((match) => h('span', { class: 'history-match' }, match)),
    ),
    iconButton('edit', `Rename "${entry.title}"`, { class: 'history-rename' }),
    iconButton('trash', `Delete "${entry.title}"`, { class: 'history-delete' }),
  );
}

function emptyText(query: string): string {
  return query.trim() ? `No conversation mentions "${query.trim()}".` : 'No saved conversations yet: each chat is saved here after its first message.';
}
