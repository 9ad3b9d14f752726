// The transcript's DOM. Keyed by item: an element is rebuilt only when its item object changed,
// and a streaming reply is updated in place. Only the last `pageSize` items (or more, after "Show
// earlier") are in the DOM, which keeps long tasks fast.
import type { ChatItem, ChatState } from '../chatState';
import { h } from '../dom';
import { AssistantMessage } from './assistantMessage';
import { renderItem } from './itemViews';
import { QueuedMessages } from './queuedMessages';
import { renderSetupCard, showConnection } from './setupCard';

const pageSize = 60;

export class MessageList {
  private readonly rendered = new Map<string, { item: ChatItem; element: HTMLElement; reply?: AssistantMessage }>();
  private shown = pageSize;
  private readonly queued = new QueuedMessages();
  private setupKey = '';
  private setupElement: HTMLElement | undefined;
  private readonly emptyState = h(
    'div',
    { class: 'empty-state' },
    h('p', {}, 'Ask Ouro to change, explain or fix code in this workspace. Every edit is shown as a diff for you to accept or reject.'),
    h('p', {}, 'Right-click a file or a selection and choose "Ask Ouro about this file" to attach it.'),
  );
  private readonly earlier = h('button', { type: 'button', class: 'show-earlier secondary', 'aria-label': 'Show earlier messages' });

  constructor(private readonly container: HTMLElement) {
    this.earlier.addEventListener('click', () => {
      this.shown += pageSize;
      this.onShowEarlier?.();
    });
  }

  onShowEarlier?: () => void;

  render(state: ChatState): void {
    const stickToBottom = this.isNearBottom();
    const start = Math.max(0, state.items.length - this.shown);
    const wanted: HTMLElement[] = [];
    if (!state.setup.configured) wanted.push(this.setupCard(state));
    else if (state.items.length === 0) wanted.push(this.emptyState);
    if (start > 0) {
      this.earlier.textContent = `Show earlier (${start})`;
      wanted.push(this.earlier);
    }
    const keep = new Set<string>();
    for (const item of state.items.slice(start)) {
      keep.add(item.key);
      wanted.push(this.elementFor(item));
    }
    wanted.push(...this.queued.render(state.queued));
    for (const key of [...this.rendered.keys()]) if (!keep.has(key)) this.rendered.delete(key);
    reconcile(this.container, wanted);
    if (stickToBottom) this.container.scrollTop = this.container.scrollHeight;
  }

  /** Forget the rendered elements, e.g. for a new chat. */
  reset(): void {
    this.rendered.clear();
    this.shown = pageSize;
  }

  private elementFor(item: ChatItem): HTMLElement {
    const cached = this.rendered.get(item.key);
    if (cached?.item === item) return cached.element;
    if (item.kind === 'assistant') {
      // A streaming reply is updated in place, so its finished blocks are never drawn again.
      const reply = cached?.reply ?? new AssistantMessage(item);
      if (cached?.reply) reply.update(item);
      this.rendered.set(item.key, { item, element: reply.element, reply });
      return reply.element;
    }
    const element = renderItem(item);
    // A rebuilt card keeps whatever the user had expanded or typed.
    if (cached) carryOverInteraction(cached.element, element);
    this.rendered.set(item.key, { item, element });
    return element;
  }

  private setupCard(state: ChatState): HTMLElement {
    const key = JSON.stringify(state.setup);
    if (!this.setupElement || key !== this.setupKey) {
      const card = renderSetupCard(state.setup);
      // A key set meanwhile redraws the card: what the user typed stays.
      if (this.setupElement) carryOverFields(this.setupElement, card);
      this.setupElement = card;
      this.setupKey = key;
    }
    showConnection(this.setupElement, state.connection);
    return this.setupElement;
  }

  private isNearBottom(): boolean {
    const { scrollTop, scrollHeight, clientHeight } = this.container;
    return scrollHeight - scrollTop - clientHeight < 40;
  }
}

/** Makes `container`'s children exactly `wanted`, moving only what is out of place. */
function reconcile(container: HTMLElement, wanted: HTMLElement[]): void {
  wanted.forEach((element, index) => {
    if (container.children[index] !== element) container.insertBefore(element, container.children[index] ?? null);
  });
  while (container.children.length > wanted.length) container.lastElementChild!.remove();
}

function carryOverInteraction(from: HTMLElement, to: HTMLElement): void {
  const fromDetails = from.querySelectorAll('details');
  to.querySelectorAll('details').forEach((details, index) => {
    if (fromDetails[index]?.open) details.open = true;
  });
  for (const field of ['input.reason', 'input.answer-text']) {
    const typed = from.querySelector<HTMLInputElement>(field);
    const fresh = to.querySelector<HTMLInputElement>(field);
    if (typed && fresh) fresh.value = typed.value;
  }
}

function carryOverFields(from: HTMLElement, to: HTMLElement): void {
  for (const field of from.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input[id], select[id]')) {
    const twin = to.querySelector<HTMLInputElement | HTMLSelectElement>(`#${field.id}`);
    if (twin && twin.value !== field.value) {
      twin.value = field.value;
      twin.dispatchEvent(new Event('change'));
    }
  }
}
