// One element per chat item. Each function builds the whole element from the item; the message
// list calls it only for items whose identity changed. A reply updates in place instead
// (./assistantMessage.ts): the list keeps its view while it streams.
import { formatUsage } from '../../agent/usage/usageTotals';
import type { ChatItem } from '../chatState';
import { h, icon, iconButton } from '../dom';
import { attachmentIcon } from './attachmentIcons';
import type { IconName } from '../icons';
import { AssistantMessage } from './assistantMessage';
import { renderToolCard } from './toolCard';
import { renderTryCard } from './tryCard';
import { renderInlineCode } from '../markdown';

export function renderItem(item: ChatItem): HTMLElement {
  switch (item.kind) {
    case 'user':
      return h(
        'div',
        { class: 'message user', ...(item.messageIndex !== undefined ? { 'data-message-index': String(item.messageIndex) } : {}) },
        item.messageIndex !== undefined && iconButton('discard', "Undo Ouro's file changes since this message", { class: 'undo-since' }),
        item.attachments.length > 0 && h('div', { class: 'message-attachments' }, ...item.attachments.map((label) => h('span', { class: 'chip' }, icon(attachmentIcon(label)), label))),
        item.images && h('div', { class: 'message-images' }, ...item.images.map((src, index) => h('img', { src, alt: `Image ${index + 1}` }))),
        h('div', { class: 'user-text' }, item.text),
      );
    case 'assistant':
      return new AssistantMessage(item).element;
    case 'tool':
      return renderToolCard(item);
    case 'error':
      return renderError(item);
    case 'notice':
      if (item.action) return renderNoticeWithAction(item);
      return h('div', { class: `notice${item.retry ? ' retry-notice' : ''}`, ...(item.retry ? { role: 'status' } : {}) }, icon(item.retry ? 'sync' : 'info'), item.code ? withCodeSpans(item.text) : item.text);
    case 'projectContext':
      return renderProjectContext(item);
    case 'usage': {
      const { requests, unpricedRequests } = item.usage;
      const title = `This turn: ${requests} request${requests === 1 ? '' : 's'}${requests > unpricedRequests ? '' : '; no price is known for the model (ouro.pricing)'}`;
      return h('div', { class: 'turn-usage', title }, formatUsage(item.usage));
    }
    case 'tryCard':
      return renderTryCard(item.card);
    default: {
      const _exhaustive: never = item;
      return _exhaustive;
    }
  }
}

/** A failed turn, with the ways forward: the key for a 401; else the settings and a connection test; always Retry. */
function renderError(item: Extract<ChatItem, { kind: 'error' }>): HTMLElement {
  const action = (name: string, label: string, codicon: IconName, secondary = true) =>
    h('button', { type: 'button', class: `error-action${secondary ? ' secondary' : ''}`, 'data-action': name }, icon(codicon), label);
  return h(
    'div',
    { class: 'message error', role: 'alert' },
    h('div', { class: 'error-line' }, icon('error'), h('span', { class: 'error-text' }, errorText(item.message, item.status))),
    h(
      'div',
      { class: 'error-actions' },
      item.status === 401 && h('button', { type: 'button', class: 'set-api-key', 'aria-label': 'Set API Key' }, icon('key'), 'Set API Key'),
      item.status !== 401 && action('openSettings', 'Open settings', 'settings-gear'),
      item.status !== 401 && action('testConnection', 'Test connection', 'plug'),
      action('retry', 'Retry', 'refresh', item.status === 401),
    ),
  );
}

/** A notice that offers a way on: the model does not take images, so send the words alone. */
function renderNoticeWithAction(item: Extract<ChatItem, { kind: 'notice' }>): HTMLElement {
  return h(
    'div',
    { class: 'notice notice-with-action', role: 'alert' },
    icon('warning'),
    h('span', {}, item.text),
    h('button', { type: 'button', class: 'notice-action secondary', 'data-action': item.action }, 'Send without images'),
  );
}

/** A quiet line: the rule files (each opens on click), the skills, and what could not be used. */
function renderProjectContext(item: Extract<ChatItem, { kind: 'projectContext' }>): HTMLElement {
  const files = item.rules.map((rule) =>
    h('button', { type: 'button', class: 'rule-file', 'data-path': rule.path, title: rule.truncated ? `Open ${rule.path} (only its start is in the prompt)` : `Open ${rule.path}` }, rule.path + (rule.truncated ? ' (cut)' : '')),
  );
  return h(
    'div',
    { class: 'notice project-context', role: 'note' },
    icon('book'),
    h(
      'span',
      {},
      files.length > 0 && h('span', {}, 'Rules: ', ...files.flatMap((file, i) => [i > 0 ? ', ' : '', file])),
      item.skills.length > 0 && h('span', {}, `${files.length > 0 ? ' · ' : ''}Skills: ${item.skills.join(', ')}`),
      ...item.problems.map((problem) => h('span', { class: 'context-problem' }, icon('warning'), problem)),
    ),
  );
}

export function errorText(message: string, status?: number): string {
  // The host words 401 and 403 for the editor already (src/host/chat/editorErrors.ts).
  if (status === 404) return `${message} Check the ouro.baseUrl and ouro.model settings.`;
  return message;
}

/** Text whose `code spans` show as code, through the same Markdown renderer as replies (raw HTML stays text). */
function withCodeSpans(text: string): HTMLElement {
  const span = h('span', { class: 'notice-text' });
  span.innerHTML = renderInlineCode(text);
  return span;
}
