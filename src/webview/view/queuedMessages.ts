// Messages sent while Ouro works, after the transcript: each marked "Queued" with a button to
// take it back, until Ouro's next step delivers it (then the host shows it as the user's message).
import type { QueuedMessage } from '../../agent/steering';
import { h, icon, iconButton } from '../dom';
import { post } from '../vscodeApi';

export class QueuedMessages {
  private readonly elements = new Map<string, HTMLElement>();

  /** One element per queued message, kept while it stays queued. */
  render(queued: readonly QueuedMessage[] = []): HTMLElement[] {
    const ids = new Set(queued.map((message) => message.id));
    for (const id of [...this.elements.keys()]) if (!ids.has(id)) this.elements.delete(id);
    return queued.map((message) => {
      let element = this.elements.get(message.id);
      if (!element) {
        element = queuedElement(message);
        this.elements.set(message.id, element);
      }
      return element;
    });
  }
}

function queuedElement(message: QueuedMessage): HTMLElement {
  const remove = iconButton('close', 'Remove this queued message', { class: 'remove-queued' });
  remove.addEventListener('click', () => {
    remove.disabled = true;
    post({ type: 'removeQueued', id: message.id });
  });
  return h(
    'div',
    { class: 'message user queued', 'data-queued-id': message.id, title: "Sent to Ouro at its next step; remove it before then and it is not sent" },
    h('div', { class: 'queued-label' }, icon('loading', { spin: true }), h('span', {}, 'Queued'), remove),
    h('div', { class: 'user-text' }, message.text),
  );
}
